using MimeKit;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Invitations;

/// <summary>The app with e-mails written to a folder of its own, and the reminder loop off so tests drive it.</summary>
public sealed class InvitationsApp : AppFactory
{
    public InvitationsApp()
    {
        MailFolder = Path.Combine(Path.GetTempPath(), "rm-tests", "mail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(MailFolder);
        With("Mail:PickupFolder", MailFolder);
        With("Invitations:RemindersEnabled", "false");
    }

    public string MailFolder { get; }

    public IReadOnlyList<MimeMessage> MailTo(string email) =>
        Directory.GetFiles(MailFolder, "*.eml")
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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}

/// <summary>A clock the test sets.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
