using System.Net;
using System.Text;
using MiniExcelLibs;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.SessionFeedback;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

/// <summary>
/// HR downloads a program's sessions, feedback and check-in answers from its report, as CSV or Excel: accented names
/// intact, comments and answers included, notes only where the pair shared them with HR, and nothing of another program.
/// </summary>
public sealed class ActivityExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Accented = "Zoë Ångström-Nuñez";
    private const string PrivateNote = "She worried about her team's reorganisation.";
    private const string SharedNote = "We tried the meeting summariser on a real call.";

    private async Task<(MentoringProgram Program, TestPair Pair)> WorldAsync()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running, name: Unique("Activity"));
        var pair = await app.PairAsync(program, mentor: await app.PersonAsync(Roles.Mentor, Accented));
        var now = DateTime.UtcNow;
        await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-10),
            change: s => s.Log(pair.Mentor.User.Id, 55, [], PrivateNote, notesSharedWithHr: false, null, now.AddDays(-10)));
        var shared = await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-3),
            change: s => s.Log(pair.Mentor.User.Id, 50, [], SharedNote, notesSharedWithHr: true, "Try it on the board pack.", now.AddDays(-3)));
        await app.FeedbackAsync(pair, shared, ParticipantRole.Mentee, 4, "Clear, patient, practical – merci.");

        var rating = await app.QuestionAsync(program, "How useful was last month?", CheckInQuestionKind.Rating, 1);
        var yesNo = await app.QuestionAsync(program, "Did you try something new at work?", CheckInQuestionKind.YesNo, 2);
        var text = await app.QuestionAsync(program, "What would help?", CheckInQuestionKind.Text, 3);
        await app.CheckInAsync(pair, ParticipantRole.Mentee, answeredAtUtc: now.AddDays(-1), change: c => c.Answers.AddRange(
        [
            new CheckInAnswer { QuestionId = rating.Id, Rating = 4 },
            new CheckInAnswer { QuestionId = yesNo.Id, YesNo = true },
            new CheckInAnswer { QuestionId = text.Id, Text = "More time with the tools – ça marche." },
        ]));
        await app.CheckInAsync(pair, ParticipantRole.Mentor, CheckInKind.HaveYouMet, answeredAtUtc: now.AddDays(-2), met: true);
        await app.CheckInAsync(pair, ParticipantRole.Mentor, sentAtUtc: now);

        // Another program's pair, which must not appear anywhere.
        var elsewhere = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Running), mentor: await app.PersonAsync(Roles.Mentor, "Elsewhere Person"));
        var other = await app.SessionAsync(elsewhere, SessionStatus.Held, now.AddDays(-2));
        await app.FeedbackAsync(elsewhere, other, ParticipantRole.Mentee, 2, "Elsewhere comment");
        return (program, pair);
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, string mediaType)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<IDictionary<string, object?>> Rows(byte[] xlsx) =>
        new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

    [Fact]
    public async Task The_sessions_export_shows_shared_notes_only_and_keeps_accents()
    {
        var (program, _) = await WorldAsync();
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var bytes = await DownloadAsync(hr, $"/Programs/{program.Id}/Report?handler=Export&table=sessions", "text/csv");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith(string.Join(",", ExportSessions.HeaderIn("UTC")) + "\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(Accented, csv, StringComparison.Ordinal);
        Assert.Contains(SharedNote, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateNote, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Elsewhere Person", csv, StringComparison.Ordinal);

        var rows = Rows(await DownloadAsync(hr, $"/Programs/{program.Id}/Report?handler=Export&table=sessions&format=xlsx", SpreadsheetExport.ContentType));
        Assert.Equal(["55", "50"], rows.Select(r => r["Held minutes"]?.ToString()));
        Assert.Equal(["", "Try it on the board pack."], rows.Select(r => r["Follow-ups shared with HR"]?.ToString() ?? ""));
    }

    [Fact]
    public async Task The_feedback_export_has_each_rating_with_its_comment_and_who_gave_it()
    {
        var (program, pair) = await WorldAsync();
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var row = Assert.Single(Rows(await DownloadAsync(hr, $"/Programs/{program.Id}/Report?handler=Export&table=feedback&format=xlsx", SpreadsheetExport.ContentType)));

        Assert.Equal(ExportFeedback.HeaderIn("UTC"), row.Keys);
        Assert.Equal(MenteeName, row["Given by"]?.ToString());
        Assert.Equal("4", row["Rating (1-5)"]?.ToString());
        Assert.Equal("Clear, patient, practical – merci.", row["Comment"]?.ToString());
        Assert.Equal(pair.Mentor.User.Email, row["Mentor's e-mail"]?.ToString());
    }

    [Fact]
    public async Task The_check_in_export_has_one_row_per_answer_of_every_kind()
    {
        var (program, _) = await WorldAsync();
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var csv = Encoding.UTF8.GetString(await DownloadAsync(hr, $"/Programs/{program.Id}/Report?handler=Export&table=check-ins", "text/csv"));
        var rows = Rows(await DownloadAsync(hr, $"/Programs/{program.Id}/Report?handler=Export&table=check-ins&format=xlsx", SpreadsheetExport.ContentType));

        Assert.Equal(
            [
                (ExportCheckInAnswers.HaveYouMetQuestion, "Yes", Accented),
                ("How useful was last month?", "4", MenteeName),
                ("Did you try something new at work?", "Yes", MenteeName),
                ("What would help?", "More time with the tools – ça marche.", MenteeName),
            ],
            rows.Select(r => (r["Question"]?.ToString(), r["Answer"]?.ToString(), r["Answered by"]?.ToString())));
        Assert.Contains("ça marche", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_hr_downloads_and_an_unknown_table_is_not_found()
    {
        var (program, pair) = await WorldAsync();
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync(new Uri($"/Programs/{program.Id}/Report?handler=Export&table=notes", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync(new Uri("/Programs/987654/Report?handler=Export&table=sessions", UriKind.Relative))).StatusCode);

        foreach (var who in new[] { pair.Mentor.User, pair.Mentee.User, await app.CreateUserAsync(Roles.Leadership) })
        {
            var client = await app.SignedInClientAsync(who);
            foreach (var table in new[] { "sessions", "feedback", "check-ins" })
            {
                var response = await client.GetAsync(new Uri($"/Programs/{program.Id}/Report?handler=Export&table={table}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }
}
