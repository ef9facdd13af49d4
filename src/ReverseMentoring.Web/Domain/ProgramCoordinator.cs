namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A person of the HR role who coordinates a program: it is on their to-do list and counted as theirs. Any HR person may
/// still open every program; this says whose it is, not who may see it.
/// </summary>
public sealed class ProgramCoordinator : IAudited
{
    public int ProgramId { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public DateTime AddedAtUtc { get; set; }
}
