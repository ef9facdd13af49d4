using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>The monthly summary e-mail to leaders and coordinators over the hand-built world, and its opt-out.</summary>
public sealed class MonthlySummaryJobTests(SummaryApp app) : IClassFixture<SummaryApp>
{
    private static Task<int> RunAsync(AppFactory app, DateTime utc) => new MonthlySummaryJob(
        app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
        new TestClock(new DateTimeOffset(utc, TimeSpan.Zero)), NullLogger<MonthlySummaryJob>.Instance).SendAsync(CancellationToken.None);

    private static string TextOf(MimeMessage message) => message.TextBody ?? "";

    [Fact]
    public async Task Each_leader_and_coordinator_gets_one_summary_a_month()
    {
        var leader = await app.PersonAsync(Roles.Leadership);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        await app.ExecuteDbContextAsync(db =>
        {
            db.ProgramCoordinators.Add(new ProgramCoordinator { ProgramId = app.World.Digital.Id, UserId = hr.Id, AddedAtUtc = DashboardApp.Now.UtcDateTime });
            return db.SaveChangesAsync();
        });

        await RunAsync(app, new DateTime(2026, 6, 2, 7, 0, 0, DateTimeKind.Utc));
        await RunAsync(app, new DateTime(2026, 6, 20, 7, 0, 0, DateTimeKind.Utc));

        var leaderMail = Assert.Single(app.MailTo(leader.Email));
        Assert.Equal("Reverse mentoring summary for May 2026", leaderMail.Subject);
        Assert.Contains("All programs", TextOf(leaderMail), StringComparison.Ordinal);
        Assert.Contains("/Dashboard/MonthlySummary", TextOf(leaderMail), StringComparison.Ordinal);

        // HR: their one program, exact. May against April in "Digital fluency": P1 14, 28 May and P5 12, 26 May (4) against
        // P1 2, 16, 30 Apr, P2 7 Apr, P4 1, 15, 29 Apr and P5 14, 28 Apr (9).
        var hrMail = Assert.Single(app.MailTo(hr.Email));
        Assert.Contains("Digital fluency", TextOf(hrMail), StringComparison.Ordinal);
        Assert.DoesNotContain("AI for leaders", TextOf(hrMail), StringComparison.Ordinal);
        Assert.Contains("4 sessions held, 5 fewer than the month before: pairs are meeting less often.", TextOf(hrMail), StringComparison.Ordinal);
        Assert.Contains($"/Programs/{app.World.Digital.Id}/Report", TextOf(hrMail), StringComparison.Ordinal);

        await RunAsync(app, new DateTime(2026, 7, 1, 7, 0, 0, DateTimeKind.Utc));

        Assert.Equal(2, app.MailTo(leader.Email).Count);
        Assert.Equal(2, app.MailTo(hr.Email).Count);
    }

    [Fact]
    public async Task A_person_who_opted_out_on_their_profile_gets_none()
    {
        var leader = await app.PersonAsync(Roles.Leadership);
        var client = await app.SignedInClientAsync(leader.User);
        var saved = await client.PostFormAsync("/Account/Profile", new()
        {
            ["Data.DisplayName"] = leader.User.DisplayName,
            ["Data.TimeZoneId"] = "UTC",
            ["Data.MonthlySummary"] = "false",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        await RunAsync(app, new DateTime(2026, 6, 3, 7, 0, 0, DateTimeKind.Utc));

        Assert.Empty(app.MailTo(leader.Email));
        Assert.True(await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == leader.Id).Select(u => u.MonthlySummaryOptedOut).SingleAsync()));
    }

    [Fact]
    public async Task The_opt_out_link_stops_only_the_signed_in_persons_summary()
    {
        var first = await app.PersonAsync(Roles.Leadership);
        var second = await app.PersonAsync(Roles.Leadership);
        var client = await app.SignedInClientAsync(first.User);

        // The form names nobody; a field naming someone else is ignored.
        var stopped = await client.PostFormAsync("/Dashboard/MonthlySummary", new() { ["receive"] = "false", ["userId"] = second.Id });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, stopped.StatusCode);

        var optedOut = await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == first.Id || u.Id == second.Id)
            .ToDictionaryAsync(u => u.Id, u => u.MonthlySummaryOptedOut));
        Assert.True(optedOut[first.Id]);
        Assert.False(optedOut[second.Id]);

        await RunAsync(app, new DateTime(2026, 6, 4, 7, 0, 0, DateTimeKind.Utc));

        Assert.Empty(app.MailTo(first.Email));
        Assert.Single(app.MailTo(second.Email));
    }

    [Fact]
    public async Task Leadership_never_gets_figures_of_fewer_than_5_people()
    {
        using var small = new AppFactory();
        var leader = await small.PersonAsync(Roles.Leadership);
        var pair = await small.PairAsync();
        var today = DateTime.UtcNow.Date;
        await small.SessionAsync(pair, SessionStatus.Held, today);
        await small.SessionAsync(pair, SessionStatus.Held, today.AddMinutes(90));
        var nextMonth = new DateTime(today.Year, today.Month, 1, 7, 0, 0, DateTimeKind.Utc).AddMonths(1).AddDays(1);

        await RunAsync(small, nextMonth);

        // Two people in all: no figure at all, only what the rule is.
        var text = TextOf(Assert.Single(small.MailTo(leader.Email)));
        Assert.Contains(ExecutiveSummary.SmallGroupText, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sessions held", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hours of mentoring", text, StringComparison.Ordinal);
    }
}
