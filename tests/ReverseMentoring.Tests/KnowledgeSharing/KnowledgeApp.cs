using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ReverseMentoring.Tests.KnowledgeSharing;

/// <summary>The app on a fixed clock: Monday 1 March 2027, 08:00 UTC.</summary>
public class KnowledgeApp : AppFactory
{
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(Now);

    public DateTime UtcNow => Clock.Now.UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The few helpers the knowledge-sharing tests share: people in a program, a session offered, what was saved and queued.</summary>
public static class KnowledgeKit
{
    public static async Task<Person> SeniorAsync(this AppFactory app, MentoringProgram program, string? name = null)
    {
        var person = await app.PersonAsync(Roles.Mentee, name ?? TestData.Unique("Senior"));
        await app.EnrolAsync(program, person, ParticipantRole.Mentee);
        return person;
    }

    public static async Task<Person> JuniorAsync(this AppFactory app, MentoringProgram program, string? name = null)
    {
        var person = await app.PersonAsync(Roles.Mentor, name ?? TestData.Unique("Junior"));
        await app.EnrolAsync(program, person, ParticipantRole.Mentor);
        return person;
    }

    /// <summary>A session saved as offered at <paramref name="offeredAtUtc"/> (default: a week before its start), virtual, one hour.</summary>
    public static async Task<int> KnowledgeSessionAsync(
        this AppFactory app, MentoringProgram program, Person host, DateTime startsAtUtc, int capacity = 10, DateTime? offeredAtUtc = null,
        Action<KnowledgeSession>? change = null)
    {
        var session = KnowledgeSession.Offer(program.Id, host.Id, TestData.Unique("AI assistants"), "Hands-on.", startsAtUtc, 60,
            SessionFormats.Virtual, "https://meet.example.com/knowledge", capacity, offeredAtUtc ?? startsAtUtc.AddDays(-7));
        change?.Invoke(session);
        return await app.ExecuteDbContextAsync(async db =>
        {
            db.KnowledgeSessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });
    }

    public static Task<KnowledgeSession> SavedKnowledgeAsync(this AppFactory app, int id) =>
        app.ExecuteDbContextAsync(db => db.KnowledgeSessions.AsNoTracking().Include(k => k.Seats).SingleAsync(k => k.Id == id));

    public static Task<List<OutboxMessage>> QueuedAsync(this AppFactory app, string keyPrefix) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Key.StartsWith(keyPrefix)).ToListAsync());

    public static Task<int> KnowledgeCountAsync(this AppFactory app) =>
        app.ExecuteDbContextAsync(db => db.KnowledgeSessions.CountAsync());
}
