using System.IO.Compression;
using System.Net;
using System.Text;
using MiniExcelLibs;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairs;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

/// <summary>
/// HR downloads a program's enrolments and pairs as CSV or Excel: accented names arrive intact, a name that looks like
/// a formula stays text, and only the program's own records are in the file.
/// </summary>
public sealed class RosterExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Accented = "Zoë Ångström-Nuñez";
    private const string Hostile = "=HYPERLINK(\"http://x.example\")";

    private async Task<(MentoringProgram Program, Person Hr, TestPair Pair)> WorldAsync()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running, name: Unique("Roster"));
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var mentor = await app.PersonAsync(Roles.Mentor, Accented);
        var mentee = await app.PersonAsync(Roles.Mentee, Hostile);
        await app.EnrolAsync(program, mentor, ParticipantRole.Mentor);
        await app.EnrolAsync(program, mentee, ParticipantRole.Mentee);
        // Accepted 60 days ago and never met: quiet, by the pair health rule.
        var pair = await app.PairAsync(program, PairStatus.Accepted, mentor, mentee, acceptedAtUtc: DateTime.UtcNow.AddDays(-60));

        // Someone in another program, who must not appear.
        var elsewhere = await app.ProgramAsync(ProgramStatus.Running);
        await app.EnrolAsync(elsewhere, await app.PersonAsync(Roles.Mentor, "Elsewhere Person"), ParticipantRole.Mentor);
        return (program, hr, pair);
    }

    private async Task<byte[]> DownloadAsync(Person hr, string url, string mediaType)
    {
        var client = await app.SignedInClientAsync(hr.User);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string SheetXml(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open(), Encoding.UTF8).ReadToEnd()));
    }

    [Fact]
    public async Task The_enrolments_csv_keeps_accents_escapes_formulas_and_holds_only_this_program()
    {
        var (program, hr, _) = await WorldAsync();

        var bytes = await DownloadAsync(hr, $"/Programs/{program.Id}/Enrolments?handler=Export", "text/csv");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith(string.Join(",", ExportEnrolments.Header) + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains(Accented, text, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK(", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK(", text, StringComparison.Ordinal);
        Assert.Contains("AI tools:4", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Elsewhere Person", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task The_enrolments_workbook_keeps_accents_and_a_formula_looking_name_as_text()
    {
        var (program, hr, _) = await WorldAsync();

        var bytes = await DownloadAsync(hr, $"/Programs/{program.Id}/Enrolments?handler=Export&format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal([Hostile, Accented], rows.Select(r => r["Name"]?.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(ExportEnrolments.Header, rows[0].Keys);
        Assert.DoesNotContain("<f>", SheetXml(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pairs_export_has_each_pair_with_the_same_health_reasons_as_the_pairs_list()
    {
        var (program, hr, pair) = await WorldAsync();
        var list = await app.SendAsync(new ProgramPairs.Query(program.Id, 1, null), hr.As);
        var reasons = string.Join("; ", Assert.Single(list.Pairs).Flags.Select(f => f.Reason));
        Assert.Contains("Quiet", reasons, StringComparison.Ordinal);

        var bytes = await DownloadAsync(hr, $"/Programs/{program.Id}/Pairs?handler=Export&format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var row = Assert.Single(new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>());
        Assert.Equal(Accented, row["Mentor"]?.ToString());
        Assert.Equal(Hostile, row["Mentee"]?.ToString());
        Assert.Equal("Accepted", row["Status"]?.ToString());
        Assert.Equal(reasons, row["At risk because"]?.ToString());
        Assert.Equal(pair.Mentor.User.Email, row["Mentor's e-mail"]?.ToString());

        var csv = Encoding.UTF8.GetString(await DownloadAsync(hr, $"/Programs/{program.Id}/Pairs?handler=Export", "text/csv"));
        Assert.Contains(reasons, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_cannot_download_a_roster()
    {
        var (program, _, pair) = await WorldAsync();
        var client = await app.SignedInClientAsync(pair.Mentor.User);

        foreach (var url in new[] { $"/Programs/{program.Id}/Enrolments?handler=Export", $"/Programs/{program.Id}/Pairs?handler=Export&format=xlsx" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
