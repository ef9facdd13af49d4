using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;

using ReverseMentoring.Web.Features.Enrolments;

using ReverseMentoring.Web.Features.Pairing;

using ReverseMentoring.Web.Features.Pairs;

using ReverseMentoring.Web.Features.Resources;

using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.CheckIns;

/// <summary>Each test has its own database: the job looks at every pair, so pairs of other tests would disturb the counts.</summary>
public sealed class CheckInJobTests
{
    private static readonly DateTime AcceptedAt = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestClock _clock = new(AcceptedAt);

    private static CheckInJob Job(AppFactory app, TimeProvider clock) => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        app.Services.GetRequiredService<IOptions<CheckInOptions>>(),
        app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
        clock,
        NullLogger<CheckInJob>.Instance);

    private static Task<List<CheckIn>> CheckInsOfAsync(AppFactory app, int pairId) =>
        app.ExecuteDbContextAsync(db => db.CheckIns.AsNoTracking().Include(c => c.Answers)
            .Where(c => c.PairId == pairId).OrderBy(c => c.Kind).ThenBy(c => c.DayNumber).ThenBy(c => c.Role).ToListAsync());

    private Task<int> RunOnDayAsync(AppFactory app, double day)
    {
        _clock.Now = new DateTimeOffset(AcceptedAt.AddDays(day), TimeSpan.Zero);
        return Job(app, _clock).SendDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Milestone_check_ins_go_to_both_sides_on_day_30_then_day_90_and_each_only_once()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.QuestionAsync(pair.Program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        await app.SessionAsync(pair, SessionStatus.Held, AcceptedAt.AddDays(3));

        Assert.Equal(0, await RunOnDayAsync(app, 29.9));
        Assert.Empty(await CheckInsOfAsync(app, pair.Id));

        Assert.Equal(2, await RunOnDayAsync(app, 30));
        var first = await CheckInsOfAsync(app, pair.Id);
        Assert.Equal(2, first.Count);
        Assert.All(first, c => Assert.Equal((CheckInKind.Milestone, 30, AcceptedAt.AddDays(30)), (c.Kind, c.DayNumber, c.SentAtUtc)));
        Assert.Equal([pair.MentorEnrolmentId, pair.MenteeEnrolmentId], first.Select(c => c.EnrolmentId).Order().ToList());
        Assert.Equal([pair.Mentor.User.Id, pair.Mentee.User.Id], first.OrderBy(c => c.EnrolmentId).Select(c => c.UserId).ToList());
        var mail = Assert.Single(app.MailTo(pair.Mentee.User.Email!));
        Assert.Contains("How is your mentoring going?", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Maya Mentor", mail.TextBody, StringComparison.Ordinal);
        var menteeCheckIn = first.Single(c => c.Role == ParticipantRole.Mentee);
        Assert.Contains($"/Participant/CheckIns/{menteeCheckIn.Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(app.MailTo(pair.Mentor.User.Email!));

        Assert.Equal(0, await RunOnDayAsync(app, 30.5));
        Assert.Equal(0, await RunOnDayAsync(app, 89));
        Assert.Equal(2, (await CheckInsOfAsync(app, pair.Id)).Count);

        Assert.Equal(2, await RunOnDayAsync(app, 90));
        Assert.Equal(0, await RunOnDayAsync(app, 90));
        var all = await CheckInsOfAsync(app, pair.Id);
        Assert.Equal([30, 30, 90, 90], all.Select(c => c.DayNumber).ToList());
        Assert.Equal(2, app.MailTo(pair.Mentee.User.Email!).Count);
    }

    [Fact]
    public async Task A_program_without_active_questions_sends_no_milestone_check_in()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.QuestionAsync(pair.Program, "A question HR retired", CheckInQuestionKind.Rating, retired: true);
        await app.SessionAsync(pair, SessionStatus.Held, AcceptedAt.AddDays(3));

        Assert.Equal(0, await RunOnDayAsync(app, 31));

        Assert.Empty(await CheckInsOfAsync(app, pair.Id));
        Assert.Empty(app.MailTo(pair.Mentor.User.Email!));
    }

    [Fact]
    public async Task Pairs_of_programs_that_are_not_running_and_pairs_not_confirmed_get_no_check_in()
    {
        using var app = new AppFactory();
        var closed = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Closed), acceptedAtUtc: AcceptedAt);
        await app.QuestionAsync(closed.Program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        var ended = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.QuestionAsync(ended.Program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        await app.ExecuteDbContextAsync(async db =>
        {
            var pair = await db.Pairs.SingleAsync(p => p.Id == ended.Id);
            pair.End(ended.Mentor.User.Id, PairEnding.Completed, null, AcceptedAt.AddDays(5));
            await db.SaveChangesAsync();
        });

        Assert.Equal(0, await RunOnDayAsync(app, 40));

        Assert.Empty(await CheckInsOfAsync(app, closed.Id));
        Assert.Empty(await CheckInsOfAsync(app, ended.Id));
    }

    [Fact]
    public async Task Have_you_met_goes_to_both_sides_on_day_14_when_no_session_was_held_and_only_once()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.SessionAsync(pair, SessionStatus.Cancelled, AcceptedAt.AddDays(5));
        await app.SessionAsync(pair, SessionStatus.Scheduled, AcceptedAt.AddDays(20));

        Assert.Equal(0, await RunOnDayAsync(app, 13.9));
        Assert.Empty(await CheckInsOfAsync(app, pair.Id));

        Assert.Equal(2, await RunOnDayAsync(app, 14));
        Assert.Equal(0, await RunOnDayAsync(app, 15));

        var sent = await CheckInsOfAsync(app, pair.Id);
        Assert.Equal(2, sent.Count);
        Assert.All(sent, c => Assert.Equal((CheckInKind.HaveYouMet, 14), (c.Kind, c.DayNumber)));
        var mail = Assert.Single(app.MailTo(pair.Mentor.User.Email!));
        Assert.Contains("Have you met Simon Senior yet?", mail.Subject, StringComparison.Ordinal);
        var mine = sent.Single(c => c.Role == ParticipantRole.Mentor);
        Assert.Contains($"/Participant/CheckIns/{mine.Id}/Met?answer=yes", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/Participant/CheckIns/{mine.Id}/Met?answer=no", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(app.MailTo(pair.Mentee.User.Email!));
    }

    [Fact]
    public async Task A_pair_that_held_a_session_is_not_asked_whether_it_has_met()
    {
        using var app = new AppFactory();
        var met = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.SessionAsync(met, SessionStatus.Held, AcceptedAt.AddDays(6));
        var notMet = await app.PairAsync(acceptedAtUtc: AcceptedAt);

        Assert.Equal(2, await RunOnDayAsync(app, 14));

        Assert.Empty(await CheckInsOfAsync(app, met.Id));
        Assert.Equal(2, (await CheckInsOfAsync(app, notMet.Id)).Count);
    }

    [Fact]
    public async Task Two_instances_running_at_once_send_each_check_in_once()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.QuestionAsync(pair.Program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        _clock.Now = new DateTimeOffset(AcceptedAt.AddDays(30), TimeSpan.Zero);

        var sent = await Task.WhenAll(Job(app, _clock).SendDueAsync(CancellationToken.None), Job(app, _clock).SendDueAsync(CancellationToken.None));

        Assert.Equal(4, sent.Sum());
        Assert.Equal(4, (await CheckInsOfAsync(app, pair.Id)).Count);
        Assert.Equal(2, app.MailTo(pair.Mentee.User.Email!).Count);
    }

    [Theory]
    [InlineData(29, null)]
    [InlineData(30, 30)]
    [InlineData(89, 30)]
    [InlineData(90, 90)]
    [InlineData(151, 150)]
    public void The_latest_milestone_counts_from_day_30_every_60_days(int daysIn, int? expected) =>
        Assert.Equal(expected, CheckInJob.LatestMilestone(daysIn, 30, 60));
}
