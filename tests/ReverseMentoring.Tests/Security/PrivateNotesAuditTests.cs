using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.Security;

public sealed class PrivateNotesAuditTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Private_session_notes_are_logged_as_changed_but_their_text_never_reaches_the_audit_log()
    {
        const string notes = "Private: worried about the restructuring.";
        const string followUps = "Private: talk to the manager first.";
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddHours(-3));

        await app.SendAsync(new LogSession.Command
        {
            SessionId = session.Id,
            HeldMinutes = 45,
            CoveredTopicIds = [pair.Program.Topics.First().Id],
            Notes = notes,
            NotesSharedWithHr = false,
            FollowUps = followUps,
            Version = session.Version,
        }, pair.Mentor.As);

        var entries = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(entries, e => e.Changes.Contains("worried", StringComparison.Ordinal) || e.Changes.Contains("manager first", StringComparison.Ordinal));
        var logged = Assert.Single(entries, e => e.Entity == nameof(Session) && e.EntityId == session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == "Modified");
        Assert.Contains(AuditRedactedAttribute.Placeholder, logged.Changes, StringComparison.Ordinal);
    }
}
