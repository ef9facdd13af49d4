using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Sessions;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Health;

/// <summary>
/// The HR pairs list, the pair page, the program report's CSV and the dashboard apply one pair health rule: on the
/// same data they flag the same pairs, count them the same and give the same reasons.
/// </summary>
public sealed class PairHealthAgreementTests(LoggingApp app) : IClassFixture<LoggingApp>
{
    private static DateTime DaysAgo(double days) => DateTime.UtcNow.AddDays(-days);

    private Task HaveYouMetAsync(TestPair pair, double sentDaysAgo) =>
        app.ExecuteDbContextAsync(async db =>
        {
            db.CheckIns.Add(new CheckIn
            {
                ProgramId = pair.Program.Id,
                PairId = pair.Pair.Id,
                EnrolmentId = pair.Mentee.EnrolmentId,
                UserId = pair.Mentee.User.Id,
                Role = ParticipantRole.Mentee,
                Kind = CheckInKind.HaveYouMet,
                DayNumber = 14,
                SentAtUtc = DaysAgo(sentDaysAgo),
            });
            await db.SaveChangesAsync();
        });

    private async Task<TestPair> MetAsync(MentoringProgram program, double daysAgo, string name, params int[] ratings)
    {
        var pair = await app.AddPairAsync(program, DaysAgo(60), $"{name} Mentor", $"{name} Senior");
        var held = await app.AddSessionAsync(pair, DaysAgo(daysAgo), SessionStatus.Held);
        for (var i = 0; i < ratings.Length; i++)
        {
            await app.AddFeedbackAsync(pair, held, i % 2 == 0 ? ParticipantRole.Mentor : ParticipantRole.Mentee, ratings[i]);
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
        var program = await app.AddProgramAsync(p => p.SessionCadenceDays = 14);
        await MetAsync(program, 5, "Healthy", 4, 5);
        var quiet = await MetAsync(program, 30, "Quiet", 4);
        var booked = await MetAsync(program, 30, "Booked", 4);
        await app.AddSessionAsync(booked, DaysAgo(-3));
        var missing = await MetAsync(program, 6, "Missing", 4);
        await app.AddSessionAsync(missing, DaysAgo(4), SessionStatus.Missed);
        await app.AddSessionAsync(missing, DaysAgo(2), SessionStatus.Cancelled);
        var low = await MetAsync(program, 5, "Low", 2, 2);
        var unanswered = await MetAsync(program, 5, "Unanswered", 4);
        await HaveYouMetAsync(unanswered, 10);
        var recent = await MetAsync(program, 5, "Recent", 4);
        await HaveYouMetAsync(recent, 3);
        var several = await MetAsync(program, 40, "Several", 1, 2);
        var proposed = await MetAsync(program, 40, "Proposed", 1);
        await app.ExecuteDbContextAsync(db => db.Pairs.Where(p => p.Id == proposed.Pair.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PairStatus.Proposed).SetProperty(p => p.AcceptedAtUtc, (DateTime?)null)));

        var expected = new Dictionary<PairFlagKind, int[]>
        {
            [PairFlagKind.Quiet] = [quiet.Pair.Id, several.Pair.Id],
            [PairFlagKind.MissingSessions] = [missing.Pair.Id],
            [PairFlagKind.LowRating] = [low.Pair.Id, several.Pair.Id],
            [PairFlagKind.HaveYouMetUnanswered] = [unanswered.Pair.Id],
        };
        int[] atRisk = [quiet.Pair.Id, missing.Pair.Id, low.Pair.Id, unanswered.Pair.Id, several.Pair.Id];

        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
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
            reported[several.Pair.Id]);
        Assert.Equal("\"Have you met yet?\" unanswered for 10 days", reported[unanswered.Pair.Id]);
        Assert.Empty((await app.SendAsync(new ProgramPairDetails.Query(program.Id, booked.Pair.Id), hr)).Flags);
    }
}
