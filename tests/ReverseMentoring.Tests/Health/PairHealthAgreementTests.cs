using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Health;

/// <summary>
/// The HR pairs list, the pair page, the program report's CSV and the dashboard apply one pair health rule: on the
/// same data they flag the same pairs, count them the same and give the same reasons.
/// </summary>
public sealed class PairHealthAgreementTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateTime DaysAgo(double days) => DateTime.UtcNow.AddDays(-days);

    private async Task<TestPair> MetAsync(MentoringProgram program, double daysAgo, string name, params int[] ratings)
    {
        var pair = await app.PairAsync(program, acceptedAtUtc: DaysAgo(60), mentorName: $"{name} Mentor", menteeName: $"{name} Senior");
        var held = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(daysAgo));
        for (var i = 0; i < ratings.Length; i++)
        {
            await app.FeedbackAsync(pair, held, i % 2 == 0 ? ParticipantRole.Mentor : ParticipantRole.Mentee, ratings[i]);
        }

        return pair;
    }

    /// <summary>The report's CSV as rows of cells (quoted cells may hold commas and doubled quotes).</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }

    [Fact]
    public async Task The_pairs_list_the_pair_page_the_report_csv_and_the_dashboard_flag_the_same_pairs_with_the_same_reasons()
    {
        // Cadence 14: quiet after 14 + 7 = 21 days without a held session and nothing in the next 7.
        var program = await app.ProgramAsync(cadenceDays: 14);
        await MetAsync(program, 5, "Healthy", 4, 5);
        var quiet = await MetAsync(program, 30, "Quiet", 4);
        var booked = await MetAsync(program, 30, "Booked", 4);
        await app.SessionAsync(booked, SessionStatus.Scheduled, DaysAgo(-3));
        var missing = await MetAsync(program, 6, "Missing", 4);
        await app.SessionAsync(missing, SessionStatus.Missed, DaysAgo(4));
        await app.SessionAsync(missing, SessionStatus.Cancelled, DaysAgo(2));
        var low = await MetAsync(program, 5, "Low", 2, 2);
        var unanswered = await MetAsync(program, 5, "Unanswered", 4);
        await app.CheckInAsync(unanswered, ParticipantRole.Mentee, CheckInKind.HaveYouMet, sentAtUtc: DaysAgo(10));
        var recent = await MetAsync(program, 5, "Recent", 4);
        await app.CheckInAsync(recent, ParticipantRole.Mentee, CheckInKind.HaveYouMet, sentAtUtc: DaysAgo(3));
        var several = await MetAsync(program, 40, "Several", 1, 2);

        // Proposed, never accepted: however long ago its one session and however low its rating, not a pair at risk.
        var proposed = await app.PairAsync(program, PairStatus.Proposed, mentorName: "Proposed Mentor", menteeName: "Proposed Senior", proposedAtUtc: DaysAgo(60));
        await app.FeedbackAsync(proposed, await app.SessionAsync(proposed, SessionStatus.Held, DaysAgo(40)), ParticipantRole.Mentor, 1);

        var expected = new Dictionary<PairFlagKind, int[]>
        {
            [PairFlagKind.Quiet] = [quiet.Id, several.Id],
            [PairFlagKind.MissingSessions] = [missing.Id],
            [PairFlagKind.LowRating] = [low.Id, several.Id],
            [PairFlagKind.HaveYouMetUnanswered] = [unanswered.Id],
        };
        int[] atRisk = [quiet.Id, missing.Id, low.Id, unanswered.Id, several.Id];

        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var dashboard = await app.SendAsync(new UptakeDashboard.Query { ProgramId = program.Id }, hr);
        var all = await app.SendAsync(new ProgramPairs.Query(program.Id), hr);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var response = await client.GetAsync(new Uri($"/Programs/{program.Id}/Report?handler=Csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = ParseCsv(await response.Content.ReadAsStringAsync());

        // Each flag: the list filtered by it holds exactly its pairs, and the dashboard counts as many.
        foreach (var (kind, pairs) in expected)
        {
            var filtered = await app.SendAsync(new ProgramPairs.Query(program.Id, 1, kind), hr);
            Assert.Equal(pairs.Order(), filtered.Pairs.Select(p => p.Id).Order());
            Assert.Equal(pairs.Length, filtered.Total);
            Assert.Equal(pairs.Length, dashboard.AtRisk.Of(kind).Value);
        }

        // At risk for any reason: the same five pairs in the list, the report's CSV and the dashboard's count.
        Assert.Equal(atRisk.Order(), all.Pairs.Where(p => p.Flags.Count > 0).Select(p => p.Id).Order());
        Assert.Equal(["Pair", "Mentor", "Mentee", "Accepted on", "Last held session", "Recent average rating", "Reasons"], csv[0]);
        var reported = csv.Skip(1).ToDictionary(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), r => r[6]);
        Assert.Equal(atRisk.Order(), reported.Keys.Order());
        Assert.Equal(atRisk.Length, dashboard.AtRisk.Any.Value);

        // The same reasons, word for word, in the list, on the pair page and in the CSV.
        foreach (var id in atRisk)
        {
            var listed = all.Pairs.Single(p => p.Id == id).Flags.Select(f => f.Reason).ToList();
            var page = await app.SendAsync(new ProgramPairDetails.Query(program.Id, id), hr);
            Assert.Equal(listed, page.Flags.Select(f => f.Reason));
            Assert.Equal(string.Join("; ", listed), reported[id]);
        }

        Assert.Equal(
            "Quiet: last met 40 days ago (the program's cadence is 14 days), and nothing is scheduled in the next 7 days; "
            + "Low rating: the last 2 ratings average 1.5, below 3",
            reported[several.Id]);
        Assert.Equal("\"Have you met yet?\" unanswered for 10 days", reported[unanswered.Id]);
        Assert.Empty((await app.SendAsync(new ProgramPairDetails.Query(program.Id, booked.Id), hr)).Flags);
    }
}
