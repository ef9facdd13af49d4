using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Tests.Mail;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Chat;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Chat;

/// <summary>The app posting to a Slack or Teams webhook, here a real HTTP receiver on loopback, through the outbox.</summary>
public sealed class ChatWebhookTests : IClassFixture<ChatWebhookTests.ChatApp>, IDisposable
{
    private readonly ChatApp _app;
    private readonly LoopbackWebhook _webhook = new();

    public ChatWebhookTests(ChatApp app) => _app = app;

    public sealed class ChatApp : OutboxApp
    {
        public ChatApp() => With("Chat:AllowedHosts:0", "127.0.0.1");
    }

    public void Dispose() => _webhook.Dispose();

    private async Task<(MentoringProgram Program, Person Hr)> ProgramWithChannelAsync(ChatKind kind, string path, bool weekly = false, ProgramStatus status = ProgramStatus.Draft)
    {
        var hr = await _app.PersonAsync(Roles.HrCoordinator);
        var program = await _app.ProgramAsync(status);
        await _app.SendAsync(new ConnectProgramChat.Command { ProgramId = program.Id, Kind = kind, WebhookUrl = _webhook.Url(path), WeeklySummary = weekly }, hr.As);
        return (await _app.SavedProgramAsync(program.Id), hr);
    }

    private Task<OutboxMessage> MessageAsync(string key) =>
        _app.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Key == key));

    [Fact]
    public async Task Opening_enrolment_posts_to_slack_and_a_failing_webhook_is_tried_again_later()
    {
        var (program, hr) = await ProgramWithChannelAsync(ChatKind.Slack, "slack/program");
        _webhook.Answers.Enqueue(HttpStatusCode.InternalServerError);

        await _app.SendAsync(new ChangeProgramStatus.Command { Id = program.Id, To = ProgramStatus.Enrolling, Version = await _app.ProgramVersionAsync(program.Id) }, hr.As);

        var key = $"chat:program:{program.Id}:enrolling";
        var failed = await MessageAsync(key);
        Assert.Null(failed.SentAtUtc);
        Assert.Null(failed.FailedAtUtc);
        Assert.Contains("500", failed.LastError, StringComparison.Ordinal);

        _app.Clock.Now = _app.Clock.Now.AddMinutes(2);
        await _app.Delivery.DeliverDueAsync(CancellationToken.None);

        var posts = _webhook.BodiesTo("slack/program");
        Assert.Equal(2, posts.Count);
        var text = posts[1]["text"]!.GetValue<string>();
        Assert.Equal(posts[0]["text"]!.GetValue<string>(), text);
        Assert.Contains($"Enrolment is open for {program.Name}", text, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Programs/{program.Id}/Enrol", text, StringComparison.Ordinal);
        Assert.Equal("application/json", _webhook.Posts.Last().ContentType.Split(';')[0]);
        var sent = await MessageAsync(key);
        Assert.NotNull(sent.SentAtUtc);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.WebhookUrl);
    }

    [Fact]
    public async Task Teams_gets_an_adaptive_card_and_a_webhook_that_is_gone_is_given_up_at_once()
    {
        var (program, hr) = await ProgramWithChannelAsync(ChatKind.Teams, "teams/program");
        _webhook.Answers.Enqueue(HttpStatusCode.NotFound);

        await _app.SendAsync(new SendProgramChatTest.Command(program.Id), hr.As);

        var card = Assert.Single(_webhook.BodiesTo("teams/program"));
        Assert.Equal("message", card["type"]!.GetValue<string>());
        var attachment = card["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Contains(program.Name, attachment["content"]!["body"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var given = await _app.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Key.StartsWith($"chat:program:{program.Id}:test:")));
        Assert.NotNull(given.FailedAtUtc);
        Assert.Equal(1, given.Attempts);
    }

    [Theory]
    [InlineData("http://hooks.example.com/x", "Enter the webhook address as Slack or Teams gives it, starting with https://.")]
    [InlineData("https://intranet.example.com/admin", "intranet.example.com is not a Slack or Teams webhook host this app may post to; ask IT to add it to Chat:AllowedHosts.")]
    [InlineData("https://user:pass@hooks.slack.com/services/x", "Enter the webhook address as Slack or Teams gives it, starting with https://.")]
    [InlineData("not a url", "Enter the webhook address as Slack or Teams gives it, starting with https://.")]
    public async Task An_address_outside_the_allowed_chat_hosts_is_refused_next_to_the_field(string url, string message)
    {
        var hr = await _app.PersonAsync(Roles.HrCoordinator);
        var program = await _app.ProgramAsync();

        var refusal = await RefusalAsync(() => _app.SendAsync(new ConnectProgramChat.Command { ProgramId = program.Id, Kind = ChatKind.Slack, WebhookUrl = url }, hr.As), "WebhookUrl");

        Assert.Equal(message, refusal);
        Assert.Null((await _app.SavedProgramAsync(program.Id)).ChatWebhookUrl);
    }

    [Fact]
    public async Task The_page_never_shows_the_address_and_the_audit_log_never_holds_it()
    {
        var (program, _) = await ProgramWithChannelAsync(ChatKind.Slack, "slack/secret-part-zz99");
        var client = await _app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}/Chat");

        Assert.Contains("zz99", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", html, StringComparison.Ordinal);
        var logged = await _app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(MentoringProgram) && a.EntityId == program.Id.ToString()).Select(a => a.Changes).ToListAsync());
        Assert.Contains(logged, c => c.Contains(nameof(MentoringProgram.ChatWebhookUrl), StringComparison.Ordinal));
        Assert.DoesNotContain(logged, c => c.Contains("secret-part", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_persons_session_reminder_goes_to_their_chat_instead_of_their_inbox()
    {
        var pair = await _app.PairAsync();
        await _app.SendAsync(new ReminderChat.Command { Kind = ChatKind.Slack, WebhookUrl = _webhook.Url("slack/me") }, pair.Mentee.As);
        var session = await _app.SessionAsync(pair, SessionStatus.Scheduled, _app.Clock.Now.UtcDateTime.AddHours(20));
        var job = new SessionReminders(_app.Services.GetRequiredService<IServiceScopeFactory>(), _app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
            _app.Clock, NullLogger<SessionReminders>.Instance);

        await job.CheckSessionsAsync(CancellationToken.None);

        var post = Assert.Single(_webhook.BodiesTo("slack/me"))["text"]!.GetValue<string>();
        Assert.Contains("is coming up", post, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Sessions/{session.Id}", post, StringComparison.Ordinal);
        Assert.DoesNotContain(_app.MailTo(pair.Mentee.Email), m => (m.Subject ?? "").Contains("coming up", StringComparison.Ordinal));
        Assert.Single(_app.MailTo(pair.Mentor.Email), m => (m.Subject ?? "").Contains("coming up", StringComparison.Ordinal));

        await _app.SendAsync(new ReminderChat.Command { BackToEmail = true }, pair.Mentee.As);
        Assert.Null((await _app.SendAsync(new ReminderChat.Query(), pair.Mentee.As)).Kind);
    }

    [Fact]
    public async Task The_weekly_summary_counts_last_week_without_a_name_and_is_posted_once()
    {
        var (program, _) = await ProgramWithChannelAsync(ChatKind.Slack, "slack/weekly", weekly: true, status: ProgramStatus.Running);
        var pair = await _app.PairAsync(program);
        var now = _app.Clock.Now.UtcDateTime;
        var lastWeek = DateOnly.FromDateTime(now).AddDays(-(((int)now.DayOfWeek + 6) % 7) - 7).ToDateTime(new TimeOnly(10, 0));
        await _app.SessionAsync(pair, SessionStatus.Held, lastWeek.AddDays(1));
        await _app.SessionAsync(pair, SessionStatus.Held, lastWeek.AddDays(2));
        var job = new WeeklyChatSummaryJob(_app.Services.GetRequiredService<IServiceScopeFactory>(), _app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
            _app.Clock, NullLogger<WeeklyChatSummaryJob>.Instance);

        await job.PostAsync(CancellationToken.None);
        await job.PostAsync(CancellationToken.None);

        var text = Assert.Single(_webhook.BodiesTo("slack/weekly"))["text"]!.GetValue<string>();
        Assert.Contains("2 sessions held, 1 active pair", text, StringComparison.Ordinal);
        Assert.DoesNotContain(MentorName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(MenteeName, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_hr_connects_a_programs_channel(string role)
    {
        var program = await _app.ProgramAsync();
        var person = await _app.CreateUserAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(
            new ConnectProgramChat.Command { ProgramId = program.Id, Kind = ChatKind.Slack, WebhookUrl = _webhook.Url("x") }, AppFactory.PrincipalFor(person, role)));
    }
}
