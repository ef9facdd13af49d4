using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard.Facts;

/// <summary>A program with a mentor of several pairs, two of them in a group, and ways to compare day facts.</summary>
public sealed record FactsProgram(MentoringProgram Program, IReadOnlyList<TestPair> Pairs, int GroupId, IReadOnlyList<int> GroupPairIds)
{
    public int Id => Program.Id;
}

public static class FactsKit
{
    public static async Task<FactsProgram> FactsProgramAsync(this AppFactory app, int pairs = 4)
    {
        var program = await app.ProgramAsync();
        var first = await app.PairAsync(program);
        var all = new List<TestPair> { first };
        for (var i = 1; i < pairs; i++)
        {
            all.Add(await app.PairAsync(program, mentor: first.Mentor));
        }

        var grouped = all.Take(2).Select(p => p.Id).ToList();
        var groupId = await app.ExecuteDbContextAsync(async db =>
        {
            var mentor = await db.Enrolments.SingleAsync(e => e.Id == first.MentorEnrolmentId);
            var members = await db.Pairs.Where(p => grouped.Contains(p.Id)).ToListAsync();
            var group = MentoringGroup.Create(mentor.UserId, mentor, "Tuesday group", members, [], DateTime.UtcNow);
            db.MentoringGroups.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });
        return new FactsProgram(program, all, groupId, grouped);
    }

    public static Session PairSession(TestPair pair, DateTime startsAtUtc, SessionStatus status = SessionStatus.Scheduled, int minutes = 60) => new()
    {
        ProgramId = pair.ProgramId,
        PairId = pair.Id,
        StartsAtUtc = startsAtUtc,
        DurationMinutes = minutes,
        EndsAtUtc = startsAtUtc.AddMinutes(minutes),
        Format = SessionFormats.Virtual,
        Location = "https://meet.example.com/pair",
        Status = status,
        ScheduledByUserId = pair.Mentor.Id,
        CreatedAtUtc = startsAtUtc.AddDays(-7),
        HeldMinutes = status == SessionStatus.Held ? minutes : null,
    };

    public static Session GroupSession(FactsProgram program, DateTime startsAtUtc, SessionStatus status = SessionStatus.Scheduled, int minutes = 60) => new()
    {
        ProgramId = program.Id,
        GroupId = program.GroupId,
        StartsAtUtc = startsAtUtc,
        DurationMinutes = minutes,
        EndsAtUtc = startsAtUtc.AddMinutes(minutes),
        Format = SessionFormats.Virtual,
        Location = "https://meet.example.com/group",
        Status = status,
        ScheduledByUserId = program.Pairs[0].Mentor.Id,
        CreatedAtUtc = startsAtUtc.AddDays(-7),
        HeldMinutes = status == SessionStatus.Held ? minutes : null,
    };

    public static Task<T> InScopeAsync<T>(this AppFactory app, Func<AppDbContext, Task<T>> action) => app.ExecuteDbContextAsync(action);

    public static Task<List<(int ProgramId, DateOnly Day)>> MarkersAsync(this AppFactory app, int programId) =>
        app.ExecuteDbContextAsync(async db => (await db.DashboardStaleDays.AsNoTracking().Where(m => m.ProgramId == programId)
            .Select(m => new { m.ProgramId, m.Day }).ToListAsync()).Select(m => (m.ProgramId, m.Day)).Distinct().Order().ToList());

    public static Task ClearMarkersAsync(this AppFactory app, int programId) =>
        app.ExecuteDbContextAsync(db => db.DashboardStaleDays.Where(m => m.ProgramId == programId).ExecuteDeleteAsync());

    /// <summary>One line per day, every number in it: equal lines, equal facts.</summary>
    public static List<string> Describe(IEnumerable<DayFacts> days) =>
        days.Where(d => !d.IsEmpty).OrderBy(d => d.ProgramId).ThenBy(d => d.Day).Select(Describe).ToList();

    public static string Describe(DayFacts day) => string.Create(CultureInfo.InvariantCulture,
        $"{day.ProgramId} {day.Day:yyyy-MM-dd} pairs[{string.Join(";", day.Pairs.Select(p => $"{p.PairId}:{p.Held}/{p.HeldMinutes}/{p.Scheduled}/{p.Missed}/{p.Cancelled}/{p.MentorRatings}/{p.MentorRatingSum}/{p.MenteeRatings}/{p.MenteeRatingSum}"))}] " +
        $"groups[{string.Join(";", day.GroupSessions.Select(g => $"{g.SessionId}:{g.GroupId}/{g.Status}/{g.Minutes}/{string.Join(",", g.MemberPairIds)}/{string.Join(",", g.AttendedPairIds)}"))}]");

    /// <summary>The stored facts of a program, as they are, without folding.</summary>
    public static Task<List<string>> StoredAsync(this AppFactory app, int programId) =>
        app.ExecuteDbContextAsync(async db => Describe((await db.DashboardDays.AsNoTracking().Where(d => d.ProgramId == programId).ToListAsync())
            .Select(d => DayFactsPacking.Unpack(d.ProgramId, d.Day, d.Facts))));

    public static Task<List<string>> FromRowsAsync(this AppFactory app, int programId, DateOnly from, DateOnly to) =>
        app.ExecuteDbContextAsync(async db => Describe(await DayFactsBuilder.BuildAsync(db, [programId], from, to, CancellationToken.None)));

    public static async Task<int> FoldAsync(this AppFactory app, IReadOnlyCollection<int>? programIds = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await DashboardFacts.FoldAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), programIds, CancellationToken.None);
    }
}
