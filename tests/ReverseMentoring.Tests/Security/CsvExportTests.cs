using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Security.Matrix;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// Every CSV file the app serves, found from the running app: none of its cells may start a formula when a spreadsheet
/// opens it (a value starting with = + - @, a tab or a carriage return is written with a leading apostrophe), and every
/// file starts with a UTF-8 byte order mark so that Excel reads accented names correctly.
/// </summary>
public sealed class CsvExportTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    /// <summary>Values a person can type into a name that a spreadsheet would run as a formula.</summary>
    public static IReadOnlyList<string> Formulas { get; } = ["=HYPERLINK(\"http://x.example\")", "@SUM(1)", "+cmd", "-cmd", "\tcmd", "\rcmd"];

    /// <summary>Every CSV download: the page, its handler ("" for the page's own GET) and who downloads it.</summary>
    public static IReadOnlyList<(string Route, string Handler, Who As)> Exports { get; } =
    [
        ("/Audit", "Csv", Who.Hr),
        ("/Dashboard/Export", "", Who.Leadership),
        ("/OrgChart/Upload", "Template", Who.Hr),
        ("/Programs/{programId}/Enrolments", "Export", Who.Hr),
        ("/Programs/{programId}/Enrolments/Import", "Template", Who.Hr),
        ("/Programs/{programId}/Pairs", "Export", Who.Hr),
        ("/Programs/{programId}/Reliability", "Export", Who.Hr),
        ("/Programs/{programId}/Report", "Csv", Who.Hr),
    ];

    [Fact]
    public async Task Every_csv_download_of_the_app_is_listed_here()
    {
        var world = await app.WorldAsync();
        var found = new List<string>();
        foreach (var (route, handlers) in await app.DiscoverGetHandlersAsync())
        {
            var row = PageTable.Row(route);
            if (PageTable.AllowedPerson(row) is not { } who || who == Who.Anonymous)
            {
                continue;
            }

            var client = await app.ClientAsync(who);
            foreach (var handler in handlers)
            {
                using var response = await client.GetAsync(new Uri(WithHandler(world.Url(row.Url), handler), UriKind.Relative));
                if (response.Content.Headers.ContentType?.MediaType == "text/csv")
                {
                    found.Add($"{route} {handler}");
                }
            }
        }

        Assert.Equal(Exports.Select(e => $"{e.Route} {e.Handler}").Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_the_shared_csv_writer_writes_csv()
    {
        var offenders = Directory.EnumerateFiles(SourceTree.WebProject, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "CsvExport.cs")
            .Where(f => File.ReadAllText(f) is var text
                && (text.Contains("CsvWriter", StringComparison.Ordinal) || text.Contains("\"text/csv", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(SourceTree.WebProject, f))
            .ToList();

        Assert.True(offenders.Count == 0, $"Write CSV through Infrastructure/CsvExport.cs, not directly: {string.Join(", ", offenders)}");
    }

    [Fact]
    public async Task Every_dashboard_csv_escapes_formulas_in_program_and_skill_names()
    {
        var hostile = await HostileAsync();
        var page = await (await app.ClientAsync(Who.Leadership)).GetHtmlAsync($"/Dashboard?ProgramId={hostile.ProgramId}");
        var tables = Regex.Matches(page, @"href=""/Dashboard/Export\?table=([a-z]+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(FigureTables.Of(await DashboardAsync(hostile.ProgramId)).Select(t => t.Key), tables);

        foreach (var table in tables)
        {
            foreach (var who in new[] { Who.Leadership, Who.Hr })
            {
                var cells = await CellsAsync(await app.ClientAsync(who), $"/Dashboard/Export?table={table}&ProgramId={hostile.ProgramId}");

                AssertNoFormula(cells, $"{table} as {who}");
                if (table is FigureTables.Cadence or FigureTables.Programs)
                {
                    Assert.Contains("'" + hostile.ProgramName, cells);
                }

                if (table is FigureTables.Skills)
                {
                    Assert.All(hostile.SkillNames, name => Assert.Contains("'" + name, cells));
                }
            }
        }
    }

    [Fact]
    public async Task The_pairs_at_risk_csv_escapes_formulas_in_names()
    {
        var hostile = await HostileAsync();

        var cells = await CellsAsync(await app.ClientAsync(Who.Hr), $"/Programs/{hostile.ProgramId}/Report?handler=Csv");

        AssertNoFormula(cells, "pairs at risk");
        Assert.All(hostile.PersonNames, name => Assert.Contains("'" + name, cells));
    }

    [Fact]
    public async Task The_audit_csv_escapes_formulas_in_changed_values()
    {
        var hostile = await HostileAsync();

        var cells = await CellsAsync(await app.ClientAsync(Who.Hr), $"/Audit?handler=Csv&Data.Entity=MentoringProgram&Data.EntityId={hostile.ProgramId}");

        AssertNoFormula(cells, "audit");
        Assert.Contains("'" + hostile.ProgramName, cells);
    }

    [Fact]
    public async Task The_import_template_starts_with_a_byte_order_mark_and_holds_no_formula()
    {
        var world = await app.WorldAsync();

        var cells = await CellsAsync(await app.ClientAsync(Who.Hr), world.Url("/Programs/{enrollingProgram}/Enrolments/Import?handler=Template"));

        AssertNoFormula(cells, "import template");
        Assert.Contains("email", cells);
    }

    private static string WithHandler(string url, string handler) =>
        handler.Length == 0 ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;

    private static void AssertNoFormula(IReadOnlyList<string> cells, string what)
    {
        var formulas = cells.Where(c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal)).ToList();
        Assert.True(formulas.Count == 0, $"{what}: cells a spreadsheet would run: {string.Join(" | ", formulas)}");
    }

    /// <summary>Every cell of the file, header included; none may start a formula, and the file must start with a UTF-8 byte order mark.</summary>
    private static async Task<IReadOnlyList<string>> CellsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);

        using var text = new StringReader(Encoding.UTF8.GetString(bytes.AsSpan(bom ? Encoding.UTF8.Preamble.Length : 0)));
        await using var csv = CsvReader.Create(text, CsvReaderOptions.Default with { HasHeader = false, Separator = ',', TrimWhitespace = false });
        var cells = new List<string>();
        while (await csv.ReadAsync())
        {
            cells.AddRange(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)));
        }

        AssertNoFormula(cells, url);
        Assert.True(bom, $"{url} does not start with a UTF-8 byte order mark, so Excel would misread accented names.");
        return cells;
    }

    private async Task<UptakeDashboard.Result> DashboardAsync(int programId) =>
        await app.SendAsync(new UptakeDashboard.Query { ProgramId = programId }, await app.PrincipalAsync(Who.Hr));

    private sealed record Hostile(int ProgramId, string ProgramName, IReadOnlyList<string> PersonNames, IReadOnlyList<string> SkillNames);

    /// <summary>
    /// A running program named like a formula, with two pairs at risk (no session for 60 days) whose four people are named
    /// like formulas, each mentee having rated three skills named like formulas at the start and the end of the pair.
    /// </summary>
    private async Task<Hostile> HostileAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var programName = $"{Formulas[0]} {tag}";
        var personNames = new[] { $"{Formulas[1]} {tag}", $"{Formulas[2]} {tag}", $"{Formulas[4]} {tag}", $"{Formulas[5]} {tag}" };
        var skillNames = new[] { $"{Formulas[3]} {tag}", $"{Formulas[4]} {tag}", $"{Formulas[5]} {tag}" };
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var skillIds = new List<int>();
        foreach (var name in skillNames)
        {
            skillIds.Add(await app.SkillIdAsync(name));
        }

        var program = await app.ProgramAsync(ProgramStatus.Running, formats: SessionFormats.Virtual, name: programName,
            startsOn: today.AddDays(-90), endsOn: today.AddDays(90), change: p => p.CreatedAtUtc = now.AddDays(-100));
        var programId = program.Id;

        async Task<Person> EnrolAsync(string name, ParticipantRole role)
        {
            var person = await app.PersonAsync(role, name);
            await app.EnrolAsync(program, person, role, department: Formulas[1], jobLevel: Formulas[2], formats: SessionFormats.Virtual,
                enrolledAtUtc: now.AddDays(-80), decidedAtUtc: now.AddDays(-79));
            return person;
        }

        for (var i = 0; i < personNames.Length; i += 2)
        {
            var mentor = await EnrolAsync(personNames[i], ParticipantRole.Mentor);
            var mentee = await EnrolAsync(personNames[i + 1], ParticipantRole.Mentee);
            var pair = await app.PairAsync(program, mentor: mentor, mentee: mentee, proposedAtUtc: now.AddDays(-62), acceptedAtUtc: now.AddDays(-60));
            foreach (var skillId in skillIds)
            {
                await app.SkillRatingAsync(pair, ParticipantRole.Mentee, skillId, SkillRatingStage.Start, 2, now.AddDays(-59));
                await app.SkillRatingAsync(pair, ParticipantRole.Mentee, skillId, SkillRatingStage.End, 4, now.AddDays(-2));
            }
        }

        // A fifth person, not paired: leadership shows no figure at all for a program of fewer than 5 people.
        await EnrolAsync($"{Formulas[3]} {tag}", ParticipantRole.Mentor);

        Assert.True(await app.ExecuteDbContextAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(MentoringProgram) && a.EntityId == programId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return new Hostile(programId, programName, personNames, skillNames);
    }
}
