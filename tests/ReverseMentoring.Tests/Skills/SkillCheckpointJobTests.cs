using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Skills;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Skills;

/// <summary>Each test has its own database: the job looks at every pair.</summary>
public sealed class SkillCheckpointJobTests
{
    private static readonly DateTime AcceptedAt = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestClock _clock = new(AcceptedAt);

    private static SkillCheckpointJob Job(AppFactory app, TimeProvider clock) => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
        clock,
        NullLogger<SkillCheckpointJob>.Instance);

    private Task<int> RunAtAsync(AppFactory app, DateTime at)
    {
        _clock.Now = new DateTimeOffset(at, TimeSpan.Zero);
        return Job(app, _clock).SendDueAsync(CancellationToken.None);
    }

    private static Task<List<OutboxMessage>> MailsAsync(AppFactory app) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Key.StartsWith("skill-checkpoint:")).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task Half_way_and_end_are_asked_for_once_each_side()
    {
        using var app = new AppFactory();

        // Accepted 2 March 09:00; the program ends on 29 June (end of day: 30 June 00:00), 119 days 15 hours later, so half
        // way is 59 days 19 hours 30 minutes in: 1 May 04:30.
        var program = await app.ProgramAsync(ProgramStatus.Running, startsOn: new DateOnly(2026, 3, 1), endsOn: new DateOnly(2026, 6, 29));
        var pair = await app.PairAsync(program, acceptedAtUtc: AcceptedAt);
        var halfWay = new DateTime(2026, 5, 1, 4, 30, 0, DateTimeKind.Utc);

        Assert.Equal(0, await RunAtAsync(app, halfWay.AddMinutes(-1)));
        Assert.Equal(2, await RunAtAsync(app, halfWay));
        Assert.Equal(0, await RunAtAsync(app, halfWay.AddDays(1)));
        var mid = await MailsAsync(app);
        Assert.Equal(2, mid.Count);
        Assert.All(mid, m => Assert.StartsWith("Rate your skills half way", m.Subject, StringComparison.Ordinal));
        Assert.Equal(new[] { pair.Mentee.User.Email!, pair.Mentor.User.Email! }.Order().ToList(), mid.Select(m => m.Recipient).Order().ToList());

        // The to-do list names the stage that is due.
        var todo = await app.RunAsAsync(pair.Mentee.As, sp => ParticipantToDo.ItemsAsync(sp.GetRequiredService<AppDbContext>(), pair.Mentee.User.Id, halfWay, CancellationToken.None));
        Assert.Contains(todo, a => a.Kind == ParticipantActionKind.RateSkills && a.Title.Contains("half way", StringComparison.Ordinal));

        await app.ExecuteDbContextAsync(async db =>
        {
            var saved = await db.Pairs.SingleAsync(p => p.Id == pair.Id);
            saved.End(pair.Mentee.User.Id, PairEnding.Completed, null, halfWay.AddDays(10));
            await db.SaveChangesAsync();
        });
        Assert.Equal(2, await RunAtAsync(app, halfWay.AddDays(10)));
        Assert.Equal(0, await RunAtAsync(app, halfWay.AddDays(11)));
        Assert.Equal(2, (await MailsAsync(app)).Count(m => m.Subject.StartsWith("Rate your skills at the end", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_instances_at_once_ask_only_once()
    {
        using var app = new AppFactory();
        var program = await app.ProgramAsync(ProgramStatus.Running, startsOn: new DateOnly(2026, 3, 1), endsOn: new DateOnly(2026, 6, 29));
        await app.PairAsync(program, acceptedAtUtc: AcceptedAt);
        _clock.Now = new DateTimeOffset(new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc), TimeSpan.Zero);

        var sent = await Task.WhenAll(Job(app, _clock).SendDueAsync(CancellationToken.None), Job(app, _clock).SendDueAsync(CancellationToken.None));

        Assert.Equal(2, sent.Sum());
        Assert.Equal(2, (await MailsAsync(app)).Count);
        Assert.Equal(2, await app.ExecuteDbContextAsync(db => db.SkillCheckpoints.CountAsync()));
    }

    [Fact]
    public async Task Pairs_are_asked_in_one_save_and_one_that_another_instance_asked_in_between_leaves_the_others_asked()
    {
        using var app = new AppFactory();
        var program = await app.ProgramAsync(ProgramStatus.Running, startsOn: new DateOnly(2026, 3, 1), endsOn: new DateOnly(2026, 6, 29));
        var pairs = new List<TestPair>();
        for (var i = 0; i < 3; i++)
        {
            pairs.Add(await app.PairAsync(program, acceptedAtUtc: AcceptedAt, mentorName: $"Mentor {i}", menteeName: $"Mentee {i}"));
        }

        // Every insert of the second mentee's checkpoint fails on the unique index, as when another instance saved it
        // between this job's read and its save: the job's one save of all six fails, and it falls back to one at a time.
        var clash = pairs[1].MenteeEnrolmentId;
        // A trigger's statement takes no parameters; the id is a number the test made.
        var trigger = $"""
            CREATE TRIGGER "AskedElsewhere" BEFORE INSERT ON "SkillCheckpoints" WHEN NEW."EnrolmentId" = {clash}
            BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: SkillCheckpoints.PairId'); END;
            """;
        await app.ExecuteDbContextAsync(db => db.Database.ExecuteSqlRawAsync(trigger));

        Assert.Equal(5, await RunAtAsync(app, new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc)));
        var asked = await app.ExecuteDbContextAsync(db => db.SkillCheckpoints.AsNoTracking().Select(c => c.EnrolmentId).ToListAsync());
        Assert.Equal(
            pairs.SelectMany(p => new[] { p.MentorEnrolmentId, p.MenteeEnrolmentId }).Where(e => e != clash).Order().ToList(),
            asked.Order().ToList());
        Assert.Equal(5, (await MailsAsync(app)).Count);
    }

    [Fact]
    public async Task A_side_that_rated_already_is_not_asked()
    {
        using var app = new AppFactory();
        var program = await app.ProgramAsync(ProgramStatus.Running, startsOn: new DateOnly(2026, 3, 1), endsOn: new DateOnly(2026, 6, 29));
        var pair = await app.PairAsync(program, acceptedAtUtc: AcceptedAt);
        await app.SkillRatingAsync(pair, ParticipantRole.Mentee, await app.SkillIdAsync("AI tools"), SkillRatingStage.Mid, 3, new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc));

        Assert.Equal(1, await RunAtAsync(app, new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(pair.Mentor.User.Email, Assert.Single(await MailsAsync(app)).Recipient);
    }
}
