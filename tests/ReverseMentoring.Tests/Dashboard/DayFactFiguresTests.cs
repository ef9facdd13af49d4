using System.Text.Json;
using System.Text.Json.Serialization;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// The dashboard's figures worked out from day facts and the in-memory lookups equal the reference queries over the rows
/// themselves, on random worlds (programs, people in departments and job levels, pairs in every state, pair and group
/// sessions in every status, ratings by both sides, group attendance) under random filters.
/// </summary>
public sealed class DayFactFiguresTests(DayFactFiguresApp app) : IClassFixture<DayFactFiguresApp>
{
    private static readonly string[] Departments = ["Sales", "Finance", "Legal", "IT"];
    private static readonly string[] Levels = ["Junior", "Senior", "Director"];
    private static readonly DateTime WorldStart = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Figures_and_summary_equal_the_reference_queries_for_random_filters(int seed)
    {
        var random = new Random(seed);
        var programIds = await RandomWorld.BuildAsync(app, random, WorldStart);
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var today = DateOnly.FromDateTime(DayFactFiguresApp.Now.UtcDateTime);

        var filters = new List<UptakeDashboard.Query>
        {
            new(),
            new() { Department = "Nowhere" },
            new() { From = new DateOnly(2030, 1, 1), To = new DateOnly(2030, 3, 1) },
            new() { ProgramId = programIds[0], From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 6, 30) },
        };
        for (var i = 0; i < 8; i++)
        {
            var from = random.Next(3) == 0 ? (DateOnly?)null : DateOnly.FromDateTime(WorldStart).AddDays(random.Next(-20, 170));
            filters.Add(new UptakeDashboard.Query
            {
                ProgramId = random.Next(2) == 0 ? null : programIds[random.Next(programIds.Count)],
                Department = random.Next(2) == 0 ? null : Departments[random.Next(Departments.Length)],
                JobLevel = random.Next(3) == 0 ? Levels[random.Next(Levels.Length)] : null,
                From = from,
                To = from is null || random.Next(3) == 0 ? null : from.Value.AddDays(random.Next(0, 150)),
            });
        }

        foreach (var filter in filters)
        {
            var actual = await app.SendAsync(filter, hr);

            var period = UptakeDashboard.PeriodOf(filter, today);
            var now = DayFactFiguresApp.Now.UtcDateTime;
            var (expected, current, previous) = await app.ExecuteDbContextAsync(async db =>
            {
                var figures = await UptakeDashboard.ReferenceFiguresAsync(db, filter, period, now, CancellationToken.None);
                var periods = UptakeDashboard.SummaryPeriodsOf(filter.From, filter.To, today, wholeMonths: false);
                var scope = UptakeDashboard.ScopeOf(db, filter.ProgramId, filter.Department, filter.JobLevel);
                return (figures,
                    await UptakeDashboard.ReferenceSummaryExactAsync(db, scope, periods.Current, now, CancellationToken.None),
                    await UptakeDashboard.ReferenceSummaryExactAsync(db, scope, periods.Previous, now, CancellationToken.None));
            });
            var periods = UptakeDashboard.SummaryPeriodsOf(filter.From, filter.To, today, wholeMonths: false);
            var described = $"seed {seed}, filter {filter.ToQueryString()}";

            Assert.True(
                JsonSerializer.Serialize(expected with { Filter = filter, Summary = null }, Json) == JsonSerializer.Serialize(actual with { Summary = null }, Json),
                $"Figures differ for {described}:\nexpected {JsonSerializer.Serialize(expected with { Filter = filter, Summary = null }, Json)}\nactual   {JsonSerializer.Serialize(actual with { Summary = null }, Json)}");
            Assert.True(
                JsonSerializer.Serialize(ExecutiveSummary.Exact(periods, current, previous), Json) == JsonSerializer.Serialize(actual.Summary, Json),
                $"Summary differs for {described}:\nexpected {JsonSerializer.Serialize(ExecutiveSummary.Exact(periods, current, previous), Json)}\nactual   {JsonSerializer.Serialize(actual.Summary, Json)}");
        }
    }

    [Fact]
    public async Task A_random_world_gives_figures_to_compare()
    {
        // The comparison above is only worth something when the worlds hold sessions, ratings and pairs in scope.
        var programIds = await RandomWorld.BuildAsync(app, new Random(99), WorldStart);
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);

        var result = await app.SendAsync(new UptakeDashboard.Query { ProgramId = programIds[0], From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 6, 14) }, hr);

        Assert.True(result.SessionsHeld.Value > 0);
        Assert.True(result.Ratings > 0);
        Assert.True(result.Cadence.Pairs.Value > 0);
        Assert.True(result.Funnel.Sum(f => f.Accepted.Value) > 0);
    }
}
