using MimeKit;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Invitations;

/// <summary>The app with the reminder loop off, so tests drive it.</summary>
public sealed class InvitationsApp : AppFactory
{
    public InvitationsApp() => With("Invitations:RemindersEnabled", "false");

    public async Task<MentoringProgram> AddProgramAsync(ProgramStatus status = ProgramStatus.Enrolling, bool archived = false)
    {
        var program = new MentoringProgram
        {
            Name = $"Digital fluency {Guid.NewGuid():N}"[..28],
            Objectives = "Digital literacy for leaders",
            StartsOn = new DateOnly(2027, 1, 1),
            EndsOn = new DateOnly(2027, 6, 30),
            Status = status,
            CreatedAtUtc = DateTime.UtcNow,
            ArchivedAtUtc = archived ? DateTime.UtcNow : null,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });
        return program;
    }
}
