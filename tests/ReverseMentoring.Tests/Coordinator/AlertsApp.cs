using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Coordinator;

/// <summary>
/// The app on a clock the tests move (9:00 UTC today at first, so a test's day never crosses midnight by accident),
/// with the coordinators' jobs run by the tests when they choose.
/// </summary>
public sealed class AlertsApp : AppFactory
{
    public TestClock Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero));

    public DateTime Now => Clock.Now.UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public void MoveTo(DateTime utc) => Clock.Now = new DateTimeOffset(utc, TimeSpan.Zero);

    public Task<int> RunDigestAsync() => new CoordinatorDigest(
        Services.GetRequiredService<IServiceScopeFactory>(), Services.GetRequiredService<IOptionsMonitor<JobOptions>>(), Clock,
        NullLogger<CoordinatorDigest>.Instance).SendAsync(CancellationToken.None);

    public Task<int> RunRiskWatchAsync() => new PairRiskWatch(
        Services.GetRequiredService<IServiceScopeFactory>(), Services.GetRequiredService<IOptionsMonitor<JobOptions>>(), Clock,
        NullLogger<PairRiskWatch>.Instance).LookAsync(CancellationToken.None);

    /// <summary>A person of the HR role who coordinates the programs and chose <paramref name="delivery"/>.</summary>
    public async Task<Person> CoordinatorAsync(AlertDelivery delivery, params MentoringProgram[] programs)
    {
        var hr = await this.PersonAsync(Roles.HrCoordinator, name: TestData.Unique("Coordinator"));
        await ExecuteDbContextAsync(async db =>
        {
            foreach (var program in programs)
            {
                db.ProgramCoordinators.Add(new ProgramCoordinator { ProgramId = program.Id, UserId = hr.Id, AddedAtUtc = Now });
            }

            await db.SaveChangesAsync();
        });
        if (delivery != AlertDelivery.Digest)
        {
            await SendAsync(new ChooseAlerts.Command { Delivery = delivery }, hr.As);
        }

        return hr;
    }

    /// <summary>The digests queued for the coordinator, oldest first.</summary>
    public Task<List<OutboxMessage>> DigestsOfAsync(Person hr) =>
        ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Key.StartsWith($"coordinator-digest:{hr.Id}:")).OrderBy(m => m.Id).ToListAsync());

    /// <summary>The e-mails sent to the person, as plain text with subject first.</summary>
    public IReadOnlyList<string> TextsTo(Person person) =>
        MailTo(person.Email).Select(m => $"{m.Subject}\n{m.TextBody}").ToList();
}
