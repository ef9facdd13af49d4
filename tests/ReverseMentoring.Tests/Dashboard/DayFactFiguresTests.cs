using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
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
            await AssertAsTheReferenceAsync(hr, filter, $"seed {seed}, filter {filter.ToQueryString()}");
        }
    }

    [Fact]
    public async Task Figures_reused_per_program_stay_equal_to_the_reference_as_sessions_ratings_and_people_change()
    {
        // Each program's part is reused while its own facts and lookups stand: a write in one program must move that
        // part and leave the others, and a scope over every program must still add up to the reference after each write.
        var random = new Random(7);
        var programIds = await RandomWorld.BuildAsync(app, random, WorldStart);
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var filters = new List<UptakeDashboard.Query>
        {
            new(),
            new() { Department = "Finance" },
            new() { ProgramId = programIds[1] },
            new() { From = DateOnly.FromDateTime(WorldStart), To = DateOnly.FromDateTime(WorldStart).AddDays(120) },
        };
        foreach (var filter in filters)
        {
            await AssertAsTheReferenceAsync(hr, filter, $"before any write, filter {filter.ToQueryString()}");
        }

        for (var round = 0; round < 6; round++)
        {
            var programId = programIds[random.Next(programIds.Count)];
            var what = await app.ExecuteDbContextAsync(db => WriteAsync(db, programId, round, random));
            foreach (var filter in filters)
            {
                await AssertAsTheReferenceAsync(hr, filter, $"after {what} in program {programId}, filter {filter.ToQueryString()}");
            }
        }
    }

    // A held session rated by the mentor, a session's rating changed, or a new person enrolled in Finance.
    private static async Task<string> WriteAsync(AppDbContext db, int programId, int round, Random random)
    {
        var pairs = await db.Pairs.Where(p => p.ProgramId == programId && p.AcceptedAtUtc != null).OrderBy(p => p.Id).ToListAsync();
        switch (round % 3)
        {
            case 0 when pairs.Count > 0:
                var pair = pairs[random.Next(pairs.Count)];
                var mentor = await db.Enrolments.Where(e => e.Id == pair.MentorEnrolmentId).Select(e => e.UserId).SingleAsync();
                var starts = WorldStart.AddDays(random.Next(0, 100)).AddHours(10);
                var session = new Session
                {
                    ProgramId = programId, PairId = pair.Id, StartsAtUtc = starts, DurationMinutes = 45, EndsAtUtc = starts.AddMinutes(45),
                    Format = SessionFormats.Virtual, Location = "https://meet.example.com/round", Status = SessionStatus.Held,
                    ScheduledByUserId = mentor, CreatedAtUtc = starts.AddDays(-3), HeldMinutes = 45,
                };
                db.Sessions.Add(session);
                await db.SaveChangesAsync();
                db.SessionFeedback.Add(new Feedback
                {
                    ProgramId = programId, PairId = pair.Id, SessionId = session.Id, ByUserId = mentor, Role = ParticipantRole.Mentor,
                    Rating = random.Next(1, 6), CreatedAtUtc = starts.AddHours(2),
                });
                await db.SaveChangesAsync();
                return "a held session rated";
            case 1:
                var rated = await db.SessionFeedback.Where(f => f.ProgramId == programId).OrderBy(f => f.Id).FirstOrDefaultAsync();
                if (rated is not null)
                {
                    rated.Rating = rated.Rating == 5 ? 1 : 5;
                    await db.SaveChangesAsync();
                    return "a rating changed";
                }

                goto default;
            default:
                var email = $"late-{Guid.NewGuid():N}@example.com";
                var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Late joiner", CreatedAtUtc = WorldStart };
                db.Users.Add(user);
                await db.SaveChangesAsync();
                var joined = WorldStart.AddDays(random.Next(0, 100));
                db.Enrolments.Add(new Enrolment
                {
                    ProgramId = programId, UserId = user.Id, Role = ParticipantRole.Mentee, Status = EnrolmentStatus.Approved,
                    Department = "Finance", JobLevel = "Senior", Location = "London", Interests = "Late.", Goals = "Late.",
                    CreatedAtUtc = joined, ConsentedAtUtc = joined, DecidedAtUtc = joined.AddDays(1),
                });
                await db.SaveChangesAsync();
                return "a person enrolled";
        }
    }

    private async Task AssertAsTheReferenceAsync(ClaimsPrincipal hr, UptakeDashboard.Query filter, string described)
    {
        var today = DateOnly.FromDateTime(DayFactFiguresApp.Now.UtcDateTime);
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

        Assert.True(
            JsonSerializer.Serialize(expected with { Filter = filter, Summary = null }, Json) == JsonSerializer.Serialize(actual with { Summary = null }, Json),
            $"Figures differ for {described}:\nexpected {JsonSerializer.Serialize(expected with { Filter = filter, Summary = null }, Json)}\nactual   {JsonSerializer.Serialize(actual with { Summary = null }, Json)}");
        Assert.True(
            JsonSerializer.Serialize(ExecutiveSummary.Exact(periods, current, previous), Json) == JsonSerializer.Serialize(actual.Summary, Json),
            $"Summary differs for {described}:\nexpected {JsonSerializer.Serialize(ExecutiveSummary.Exact(periods, current, previous), Json)}\nactual   {JsonSerializer.Serialize(actual.Summary, Json)}");
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
        Assert.Contains(result.Skills, s => s.People.Value > 0 && s.Mid.Value is not null && s.After.Value is not null);
        Assert.Contains(result.Growth, g => g.People.Value > 0 && g.Mid.Value is not null && g.After.Value is not null);
        Assert.True(result.Knowledge.SeatsAttended.Value > 0 && result.Knowledge.AverageRating.Basis > 0);
        var everyProgram = await app.SendAsync(new UptakeDashboard.Query { From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 6, 14) }, hr);
        Assert.NotNull(everyProgram.Summary![ExecutiveSummary.SkillsMoved].Number);
    }
}
