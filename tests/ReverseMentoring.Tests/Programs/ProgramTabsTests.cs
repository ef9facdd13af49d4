using System.Net;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

/// <summary>Every program page opens with the same tabs, the page's own section marked as current.</summary>
public sealed partial class ProgramTabsTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Every_program_page_shows_the_tabs_once_with_exactly_one_current()
    {
        var running = await _app.ProgramAsync(ProgramStatus.Running);
        var enrolling = await _app.ProgramAsync(ProgramStatus.Enrolling);
        var matching = await _app.ProgramAsync(ProgramStatus.Matching);
        var pair = await _app.PairAsync(running);
        var question = await _app.QuestionAsync(running, "How useful are your sessions?");
        var resource = await _app.ResourceAsync(running, "Listening guide", url: "https://example.com/listening");
        var invitation = await _app.InvitationAsync(enrolling.Id);
        var r = running.Id;
        var pages = new (string Url, string Tab)[]
        {
            ($"/Programs/{r}", "Settings"), ($"/Programs/{r}/Edit", "Settings"), ($"/Programs/{r}/Archive", "Settings"),
            ($"/Programs/{r}/Enrolments", "Enrolments"), ($"/Programs/{r}/Enrolments/{pair.MentorEnrolmentId}", "Enrolments"),
            ($"/Programs/{enrolling.Id}/Enrolments/Import", "Enrolments"),
            ($"/Programs/{enrolling.Id}/Invitations", "Invitations"), ($"/Programs/{enrolling.Id}/Invitations/{invitation.Id}/Revoke", "Invitations"),
            ($"/Programs/{r}/Resources", "Resources"), ($"/Programs/{r}/Resources/{resource.Id}/Delete", "Resources"),
            ($"/Programs/{matching.Id}/Pairing", "Pairing"),
            ($"/Programs/{r}/Pairs", "Pairs"), ($"/Programs/{r}/Pairs/{pair.Id}", "Pairs"), ($"/Programs/{r}/Pairs/{pair.Id}/End", "Pairs"),
            ($"/Programs/{r}/CheckIns", "Check-ins"), ($"/Programs/{r}/CheckIns/Answers", "Check-ins"), ($"/Programs/{r}/CheckIns/{question.Id}/Edit", "Check-ins"),
            ($"/Programs/{r}/CheckIns/{question.Id}/Retire", "Check-ins"),
            ($"/Programs/{r}/Report", "Report"), ($"/Programs/{r}/Reliability", "Report"),
            ($"/Programs/{r}/Emails", "E-mails"), ($"/Programs/{r}/Emails/Invitation", "E-mails"), ($"/Programs/{r}/Copy", "Settings"),
            ($"/Programs/{r}/Message", "Enrolments"), ($"/Programs/{r}/Enrolments/Decide?Data.Decision=Approve&Data.Ids={pair.MentorEnrolmentId}", "Enrolments"),
            ($"/Programs/{enrolling.Id}/Invitations/Resend?Data.Ids={invitation.Id}", "Invitations"), ($"/Programs/{r}/Pairs/End?Data.Ids={pair.Id}", "Pairs"),
        };
        var client = await _app.SignedInClientAsync(Roles.HrCoordinator);

        foreach (var (url, tab) in pages)
        {
            var html = WebUtility.HtmlDecode(await client.GetHtmlAsync(url));
            var tabs = Tabs().Matches(html);
            Assert.True(tabs.Count == 1, $"{url} shows the tabs {tabs.Count} times.");
            var current = Regex.Matches(tabs[0].Value, "<a [^>]*aria-current=\"page\"[^>]*>([^<]*)</a>");
            Assert.True(current.Count == 1, $"{url} marks {current.Count} tabs as current.");
            Assert.Equal(tab, current[0].Groups[1].Value);

            foreach (var name in new[] { "Settings", "Enrolments", "Invitations", "Resources", "Pairing", "Pairs", "Check-ins", "E-mails", "Report" })
            {
                Assert.True(Regex.Count(tabs[0].Value, $"<a [^>]*>{Regex.Escape(name)}</a>") == 1, $"{url} lacks the tab {name}.");
            }

            // The browser tests find these links by exact name, so each must be on the page once only.
            foreach (var name in new[] { "Invitations", "Pairing" })
            {
                Assert.True(Regex.Count(html, $"<a [^>]*>{Regex.Escape(name)}</a>") == 1, $"{url} has the link {name} more than once.");
            }
        }

        // The coordinator's journey opens a program's enrolments from its page by the tab's exact name.
        var details = WebUtility.HtmlDecode(await client.GetHtmlAsync($"/Programs/{r}"));
        Assert.Equal(1, Regex.Count(details, "<a [^>]*>Enrolments</a>"));
    }

    [GeneratedRegex("<nav aria-label=\"Sections of [^\"]*\" class=\"program-tabs[^\"]*\">.*?</nav>", RegexOptions.Singleline)]
    private static partial Regex Tabs();
}
