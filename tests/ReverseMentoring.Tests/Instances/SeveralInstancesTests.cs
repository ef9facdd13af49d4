using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Pairs;

namespace ReverseMentoring.Tests.Instances;

/// <summary>
/// Two instances of the app on one PostgreSQL database, every background job switched on in both, writing their
/// e-mails into one pickup folder: what one instance does, the other honours, and nothing is sent twice.
/// </summary>
public sealed partial class SeveralInstancesTests
{
    private static readonly string[] JobNames =
    [
        "InvitationReminders", "PairResponseWatch", "MentorRequestDeadlines", "SessionReminders", "CheckIns", "SkillCheckpoints",
        "PairRiskWatch", "CoordinatorDigest", "MonthlySummary", "WeeklyChatSummary", "MessageMail", "ConversationRetention", "OutboxSender",
    ];

    private static (AppFactory First, AppFactory Second) TwoInstances(string? mailFolder = null)
    {
        var first = new AppFactory();
        var second = new AppFactory()
            .With("Database:ConnectionString", first.PostgreSqlConnectionString)
            .With("Mail:PickupFolder", first.MailFolder);
        foreach (var app in new[] { first, second })
        {
            if (mailFolder is not null)
            {
                app.With("Mail:PickupFolder", mailFolder);
            }

            foreach (var job in JobNames)
            {
                app.With($"Jobs:{job}:Enabled", "true");
            }
        }

        return (first, second);
    }

    private static HttpClient Browser(AppFactory app, CookieContainer cookies) => app.CreateDefaultClient(new CookieContainerHandler(cookies));

    [PostgreSqlFact]
    public async Task Signing_in_on_one_instance_is_recognised_by_the_other_and_its_forms_are_accepted_there()
    {
        var (first, second) = TwoInstances();
        using (first)
        using (second)
        {
            var name = TestData.Unique("Instance person");
            var user = await first.CreateUserAsync(Roles.Mentee, name: name);
            var cookies = new CookieContainer();
            using var onFirst = Browser(first, cookies);
            using var onSecond = Browser(second, cookies);

            var signIn = await onFirst.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

            // The sign-in cookie the first instance wrote is read by the second (the keys are in the database).
            var signOutPage = await onSecond.GetAsync(new Uri("/Account/SignOut", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, signOutPage.StatusCode);

            // A made-up anti-forgery token is refused, the first instance's is accepted by the second.
            using (var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, (await onSecond.PostAsync(new Uri("/Account/SignOut", UriKind.Relative), forged)).StatusCode);
            }

            var token = TokenPattern().Match(await onFirst.GetHtmlAsync("/Account/SignOut"));
            Assert.True(token.Success);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) });
            var signOut = await onSecond.PostAsync(new Uri("/Account/SignOut", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }
    }

    [PostgreSqlFact]
    public async Task Two_instances_running_every_job_send_each_queued_message_and_each_due_reminder_once()
    {
        var mail = Directory.CreateTempSubdirectory("rm-instances-").FullName;
        var (first, second) = TwoInstances(mail);
        try
        {
            // Queued before either instance starts, so both outbox senders and both reminder jobs find them at once.
            var now = DateTime.UtcNow;
            var queued = Enumerable.Range(0, 30).Select(i => $"queued-{i}-{Guid.NewGuid():N}@example.com").ToList();
            var invited = Enumerable.Range(0, 5).Select(i => $"invited-{i}-{Guid.NewGuid():N}@example.com").ToList();
            await using (var db = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(first.PostgreSqlConnectionString).Options))
            {
                db.OutboxMessages.AddRange(queued.Select(email => OutboxMessage.Queue($"test:{email}", email, "Queued", "Sent once.", now)));
                db.Invitations.AddRange(invited.Select(email => new Invitation
                {
                    Email = email, Role = Roles.Mentee, InvitedAtUtc = now.AddDays(-8), ExpiresAtUtc = now.AddDays(22),
                }));
                await db.SaveChangesAsync();
            }

            await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));
            var everyone = queued.Concat(invited).ToList();
            await Until(async () => everyone.All(email => Mails(mail, email).Count > 0)
                && !await first.ExecuteDbContextAsync(db => db.OutboxMessages.AnyAsync(m => m.SentAtUtc == null)));

            // Both stopped (the second first: the first drops the database): nothing in flight can add a copy after the count.
            await second.DisposeAsync();
            await first.DisposeAsync();

            foreach (var email in everyone)
            {
                Assert.Single(Mails(mail, email));
            }
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
            Directory.Delete(mail, recursive: true);
        }
    }

    private static List<MimeMessage> Mails(string folder, string email) =>
        Directory.GetFiles(folder, "*.eml").Select(path => MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await Safely(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, "The two instances did not send everything within 90 seconds.");
            await Task.Delay(100);
        }
    }

    // A message still being written cannot be read yet (or ends too soon to parse): not done.
    private static async Task<bool> Safely(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (Exception unreadable) when (unreadable is IOException or FormatException)
        {
            return false;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [PostgreSqlFact]
    public async Task A_message_posted_through_one_instance_reaches_the_home_the_other_instance_keeps()
    {
        using var first = new AppFactory();
        var pair = await first.PairAsync();
        using var second = new AppFactory().With("Database:ConnectionString", first.PostgreSqlConnectionString);
        await second.SendAsync(new MyMentoring.Query(), pair.Mentor.As);
        var homes = second.Services.GetRequiredService<KeptHomes>();
        var reused = homes.Reused;
        var kept = await second.SendAsync(new MyMentoring.Query(), pair.Mentor.As);

        await first.SendAsync(new PostMessage.Command { PairId = pair.Id, Text = "Written through the other instance." }, pair.Mentee.As);
        var after = await second.SendAsync(new MyMentoring.Query(), pair.Mentor.As);

        Assert.Equal(reused + 1, homes.Reused);
        Assert.Equal(0, Assert.Single(kept.Pairs).UnreadMessages);
        Assert.Equal(1, Assert.Single(after.Pairs).UnreadMessages);
    }
}
