using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Journal;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Journal;

public sealed class JournalTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static WriteJournalEntry.Command Entry(int? sessionId = null, int? entryId = null, string learned = "Shortcuts save me an hour a week.") => new()
    {
        EntryId = entryId,
        SessionId = sessionId,
        Learned = learned,
        WillTry = "Ask the assistant before I ask my PA.",
    };

    private Task<List<JournalEntry>> EntriesOfAsync(string userId) =>
        app.ExecuteDbContextAsync(db => db.JournalEntries.AsNoTracking().Where(j => j.AuthorUserId == userId).ToListAsync());

    [Fact]
    public async Task After_a_session_a_person_reflects_on_it_and_reads_it_in_their_journal()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Held, DateTime.UtcNow.AddDays(-1));
        var client = await app.SignedInClientAsync(pair.Mentee.User);
        var url = $"/Participant/Journal/Write?sessionId={session.Id}";

        var form = await client.GetHtmlAsync(url);
        var saved = await client.PostFormAsync("/Participant/Journal/Write", new()
        {
            ["Data.SessionId"] = session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Data.Learned"] = "Prompts need context.",
            ["Data.WillTry"] = "Give the assistant my last memo as an example.",
        }, url);
        var journal = await client.GetHtmlAsync("/Participant/Journal");

        Assert.Contains("What did I learn?", form, StringComparison.Ordinal);
        Assert.Contains("What will I try?", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Give the assistant my last memo as an example.", journal, StringComparison.Ordinal);
        Assert.Contains("on your session with", journal, StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesOfAsync(pair.Mentee.Id));
        Assert.Equal((session.Id, "Prompts need context."), (entry.SessionId, entry.Learned));
    }

    [Fact]
    public async Task Nobody_else_reads_or_changes_an_entry_not_the_partner_and_not_hr()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Held, DateTime.UtcNow.AddDays(-1));
        var id = await app.SendAsync(Entry(session.Id, learned: "I felt out of my depth."), pair.Mentor.As);
        var partner = await app.SignedInClientAsync(pair.Mentee.User);
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);

        var partnerEdit = await partner.GetAsync(new Uri($"/Participant/Journal/Write?entryId={id}", UriKind.Relative));
        var partnerJournal = await partner.GetHtmlAsync("/Participant/Journal");
        var hrJournal = await (await app.SignedInClientAsync(hr)).GetAsync(new Uri("/Participant/Journal", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, partnerEdit.StatusCode);
        Assert.DoesNotContain("out of my depth", partnerJournal, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, hrJournal.StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Entry(entryId: id, learned: "Overwritten."), pair.Mentee.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new MyJournal.Query(), AppFactory.PrincipalFor(hr, Roles.HrCoordinator)));
        Assert.Equal("I felt out of my depth.", Assert.Single(await EntriesOfAsync(pair.Mentor.Id)).Learned);
        Assert.Empty(await EntriesOfAsync(pair.Mentee.Id));
    }

    [Fact]
    public async Task An_entry_on_someone_elses_session_is_not_found_and_nothing_is_saved()
    {
        var mine = await app.PairAsync();
        var theirs = await app.PairAsync();
        var theirSession = await app.SessionAsync(theirs, SessionStatus.Held, DateTime.UtcNow.AddDays(-1));
        var client = await app.SignedInClientAsync(mine.Mentor.User);

        var page = await client.GetAsync(new Uri($"/Participant/Journal/Write?sessionId={theirSession.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Entry(theirSession.Id), mine.Mentor.As));
        Assert.Empty(await EntriesOfAsync(mine.Mentor.Id));
    }

    [Fact]
    public async Task An_empty_or_too_long_entry_is_refused_next_to_the_field()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentor.User);

        var empty = await client.PostFormAsync("/Participant/Journal/Write", new() { ["Data.Learned"] = " " });
        var tooLong = await client.PostFormAsync("/Participant/Journal/Write", new() { ["Data.WillTry"] = new string('w', JournalEntry.TextMaxLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Write something in at least one of the boxes.", HttpClientForms.FieldError(await empty.Content.ReadAsStringAsync(), "Data.Learned"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("At most 4,000 characters; shorten it.", HttpClientForms.FieldError(await tooLong.Content.ReadAsStringAsync(), "Data.WillTry"));
        Assert.Empty(await EntriesOfAsync(pair.Mentor.Id));
    }

    [Fact]
    public async Task Journal_text_is_never_copied_into_the_audit_log()
    {
        var pair = await app.PairAsync();
        var id = await app.SendAsync(Entry(learned: "audit-must-not-hold-this"), pair.Mentor.As);
        await app.SendAsync(Entry(entryId: id, learned: "audit-must-not-hold-this-either"), pair.Mentor.As);

        var entries = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(JournalEntry)).ToListAsync());

        Assert.Equal(2, entries.Count(e => e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(entries, e => Assert.DoesNotContain("audit-must-not-hold", e.Changes, StringComparison.Ordinal));
        Assert.Equal(["JournalEntries.Learned"], await app.PlacesHoldingAsync("audit-must-not-hold-this-either"));
    }

    [Fact]
    public async Task The_journal_is_in_my_data_and_gone_after_erasure()
    {
        var pair = await app.PairAsync();
        await app.SendAsync(Entry(learned: "journal-secret-for-export"), pair.Mentee.As);
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);

        var download = await app.SendAsync(new DownloadMyData.Query(), pair.Mentee.As);
        var partnerDownload = await app.SendAsync(new DownloadMyData.Query(), pair.Mentor.As);
        await app.SendAsync(new ErasePerson.Command { UserId = pair.Mentee.Id, ConfirmEmail = pair.Mentee.Email }, AppFactory.PrincipalFor(hr, Roles.HrCoordinator));

        Assert.Contains("journal-secret-for-export", Encoding.UTF8.GetString(download.Json), StringComparison.Ordinal);
        Assert.DoesNotContain("journal-secret-for-export", Encoding.UTF8.GetString(partnerDownload.Json), StringComparison.Ordinal);
        Assert.Empty(await EntriesOfAsync(pair.Mentee.Id));
        Assert.Empty(await app.PlacesHoldingAsync("journal-secret-for-export"));
    }
}
