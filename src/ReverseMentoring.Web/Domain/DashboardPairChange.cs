namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A pair whose health may have moved (its sessions, feedback, attendance, check-ins, concerns or the pair itself
/// changed), written in the same transaction as the change. Append-only; read by the pair health cache from the last
/// id it saw.
/// </summary>
public sealed class DashboardPairChange
{
    public long Id { get; set; }

    public int ProgramId { get; set; }

    public int PairId { get; set; }

    public DateTime ChangedAtUtc { get; set; }
}
