using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Features.SelfService;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.SelfService;

public sealed class MentorRequestDeadlinesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    private MentorRequestDeadlines Job() => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
        _clock,
        NullLogger<MentorRequestDeadlines>.Instance);

    [Fact]
    public async Task An_unanswered_request_expires_at_its_due_time_and_the_next_choice_is_asked_once()
    {
        var program = await app.SelfServiceProgramAsync(answerDays: 3);
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (_, first) = await app.MentorInAsync(program);
        var (secondMentor, second) = await app.MentorInAsync(program, "Next Choice");
        await app.AskAsync(program, mentee, first.Id, second.Id);
        var due = (await app.RequestsOfAsync(menteeEnrolment.Id))[0].AnswerDueAtUtc!.Value;

        _clock.Now = new DateTimeOffset(due.AddMinutes(-1), TimeSpan.Zero);
        Assert.Equal(0, await Job().ExpireOverdueAsync(CancellationToken.None));
        Assert.Equal(MentorRequestState.Sent, (await app.RequestsOfAsync(menteeEnrolment.Id))[0].State);

        _clock.Now = new DateTimeOffset(due, TimeSpan.Zero);
        var expired = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Job().ExpireOverdueAsync(CancellationToken.None))));

        Assert.Equal(1, expired.Sum());
        var requests = await app.RequestsOfAsync(menteeEnrolment.Id);
        Assert.Equal([MentorRequestState.Expired, MentorRequestState.Sent], requests.Select(r => r.State).ToList());
        Assert.Equal(due.AddDays(3), requests[1].AnswerDueAtUtc);
        Assert.Single(app.MailTo(secondMentor.Email));
        Assert.Single(app.MailTo(mentee.Email), m => (m.TextBody ?? "").Contains("Next Choice", StringComparison.Ordinal));
        Assert.Equal(1, await app.OutboxCountAsync($"mentor-request-sent:{requests[1].Id}"));

        Assert.Equal(0, await Job().ExpireOverdueAsync(CancellationToken.None));
        Assert.Single(app.MailTo(secondMentor.Email));
    }
}
