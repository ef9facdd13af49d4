using MimeKit;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Invitations;

/// <summary>The app with the reminder loop off, so tests drive it.</summary>
public sealed class InvitationsApp : AppFactory
{
    public InvitationsApp() => With("Jobs:InvitationReminders:Enabled", "false");

    public IReadOnlyList<MimeMessage> MailTo(string email) =>
        !Directory.Exists(MailFolder) ? [] : Directory.GetFiles(MailFolder, "*.eml")
            .Select(path => MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .ToList();

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

/// <summary>A clock the test sets.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
