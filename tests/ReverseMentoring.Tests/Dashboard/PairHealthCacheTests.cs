using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>The app on a clock the tests move, with its background jobs off.</summary>
public sealed class PairHealthCacheApp : AppFactory
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var job in services.Where(s => s.ServiceType == typeof(IHostedService)
                         && (s.ImplementationType ?? s.ImplementationInstance?.GetType())?.Assembly == typeof(Program).Assembly).ToList())
            {
                services.Remove(job);
            }
        });
    }
}

/// <summary>
/// The per-instance pair health cache gives the same health, pair by pair, as the direct query, after seeded random
/// changes to sessions, feedback, check-ins and pair status, after a change committed late under an earlier id, and as
/// the clock moves; as at now and as at fixed earlier moments.
/// </summary>
public sealed class PairHealthCacheTests(PairHealthCacheApp app) : IClassFixture<PairHealthCacheApp>
{
    private DateTime Now => app.Clock.Now.UtcDateTime;

    [Fact]
    public async Task The_cache_agrees_with_the_direct_query_after_random_changes_and_as_time_moves()
    {
        var random = new Random(20261129);
        var program = await app.ProgramAsync(ProgramStatus.Running, cadenceDays: 14);
        var pairs = new List<TestPair>();
        for (var i = 0; i < 8; i++)
        {
            pairs.Add(await app.PairAsync(program, acceptedAtUtc: Now.AddDays(-random.Next(3, 60))));
        }

        var proposed = new List<TestPair>();
        for (var i = 0; i < 3; i++)
        {
            proposed.Add(await app.PairAsync(program, PairStatus.Proposed));
        }

        var held = new List<(TestPair Pair, Session Session, HashSet<ParticipantRole> Rated)>();
        using var cache = new PairHealthCache();
        using var some = new PairHealthCache();
        await AssertAgreesAsync(cache);
        await AssertAgreesForOneAsync(some, pairs[0]);

        for (var round = 0; round < 8; round++)
        {
            for (var change = 0; change < 5; change++)
            {
                var pair = pairs[random.Next(pairs.Count)];
                switch (random.Next(7))
                {
                    case 0:
                    case 1:
                        var status = new[] { SessionStatus.Held, SessionStatus.Held, SessionStatus.Missed, SessionStatus.Cancelled }[random.Next(4)];
                        var session = await app.SessionAsync(pair, status, Now.AddDays(-random.Next(1, 40)).AddMinutes(random.Next(0, 600)));
                        if (status == SessionStatus.Held)
                        {
                            held.Add((pair, session, new HashSet<ParticipantRole>()));
                        }

                        break;
                    case 2:
                        await app.SessionAsync(pair, SessionStatus.Scheduled, Now.AddDays(random.Next(1, 12)).AddMinutes(random.Next(0, 600)));
                        break;
                    case 3:
                        if (held.Count > 0)
                        {
                            var (ratedPair, ratedSession, rated) = held[random.Next(held.Count)];
                            var side = rated.Contains(ParticipantRole.Mentor) ? ParticipantRole.Mentee : ParticipantRole.Mentor;
                            if (rated.Add(side))
                            {
                                await app.FeedbackAsync(ratedPair, ratedSession, side, random.Next(1, 6));
                            }
                        }

                        break;
                    case 4:
                        // A day number of its own: one check-in per pair, side, kind and day.
                        await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.HaveYouMet, day: 100 + (round * 10) + change, sentAtUtc: Now.AddDays(-random.Next(1, 20)));
                        break;
                    case 5:
                        // An answer to the pair's open "have you met yet?", if it has one.
                        await app.ExecuteDbContextAsync(async db =>
                        {
                            var open = await db.CheckIns.FirstOrDefaultAsync(c => c.PairId == pair.Id && c.Kind == CheckInKind.HaveYouMet && c.AnsweredAtUtc == null);
                            if (open is not null)
                            {
                                open.AnsweredAtUtc = Now;
                                open.Met = true;
                                await db.SaveChangesAsync();
                            }
                        });
                        break;
                    default:
                        if (random.Next(2) == 0 && pairs.Count > 4)
                        {
                            pairs.Remove(pair);
                            await app.ExecuteDbContextAsync(async db =>
                            {
                                var ending = await db.Pairs.SingleAsync(p => p.Id == pair.Id);
                                ending.End(pair.Mentor.User.Id, PairEnding.Completed, null, Now);
                                await db.SaveChangesAsync();
                            });
                        }
                        else if (proposed.Count > 0)
                        {
                            var accepting = proposed[0];
                            proposed.RemoveAt(0);
                            await app.ExecuteDbContextAsync(async db =>
                            {
                                var pending = await db.Pairs.Include(p => p.MentorEnrolment).Include(p => p.MenteeEnrolment).SingleAsync(p => p.Id == accepting.Id);
                                pending.Accept(ParticipantRole.Mentor, Now);
                                pending.Accept(ParticipantRole.Mentee, Now);
                                await db.SaveChangesAsync();
                            });
                            pairs.Add(accepting);
                        }

                        break;
                }
            }

            await AssertAgreesAsync(cache);
            await AssertAgreesForOneAsync(some, pairs[random.Next(pairs.Count)]);
        }

        // A session starting a minute from now has started two minutes on: that pair is read again at once.
        await app.SessionAsync(pairs[0], SessionStatus.Scheduled, Now.AddMinutes(1));
        await AssertAgreesAsync(cache);
        app.Clock.Now = app.Clock.Now.AddMinutes(2);
        await AssertAgreesAsync(cache);

        foreach (var step in new[] { TimeSpan.FromHours(1), TimeSpan.FromDays(3), TimeSpan.FromDays(20) })
        {
            app.Clock.Now = app.Clock.Now.Add(step);
            await AssertAgreesAsync(cache);
        }
    }

    [Fact]
    public async Task A_change_committed_late_under_an_earlier_id_is_still_read()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running, cadenceDays: 14);
        var pair = await app.PairAsync(program, acceptedAtUtc: Now.AddDays(-5));

        // Leave a gap of ids below the newest change.
        var reserved = await app.ExecuteDbContextAsync(async db =>
        {
            var newest = await db.DashboardPairChanges.MaxAsync(c => (long?)c.Id) ?? 0;
            db.DashboardPairChanges.Add(new DashboardPairChange { Id = newest + 1000, ProgramId = program.Id, PairId = pair.Id, ChangedAtUtc = Now });
            await db.SaveChangesAsync();
            return newest + 500;
        });
        using var cache = new PairHealthCache();
        await AssertAgreesAsync(cache);

        // The pair's "have you met yet?" sent 10 days ago flags it; its marker is taken away and arrives again under an id
        // below the newest, as a slow transaction's would.
        await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.HaveYouMet, sentAtUtc: Now.AddDays(-10));
        await app.ExecuteDbContextAsync(db => db.DashboardPairChanges.Where(c => c.PairId == pair.Id && c.Id > reserved + 500).ExecuteDeleteAsync());
        await app.ExecuteDbContextAsync(async db =>
        {
            db.DashboardPairChanges.Add(new DashboardPairChange { Id = reserved, ProgramId = program.Id, PairId = pair.Id, ChangedAtUtc = Now });
            await db.SaveChangesAsync();
        });

        var health = await AssertAgreesAsync(cache);
        Assert.True(health[pair.Id].Has(PairFlagKind.HaveYouMetUnanswered));
    }

    [Fact]
    public async Task An_earlier_moment_asked_for_a_few_pairs_reads_only_those_until_a_quarter_are_asked_for()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running, cadenceDays: 14);
        var pairs = new List<TestPair>();
        for (var i = 0; i < 2 * PairHealthCache.ReadAllFromShare; i++)
        {
            pairs.Add(await app.PairAsync(program, acceptedAtUtc: Now.AddDays(-60)));
        }

        using var cache = new PairHealthCache();
        var asOf = Now.AddDays(-10);
        await app.ExecuteDbContextAsync(async db =>
        {
            var active = (await cache.HealthAsync(db, Now, Now, null, CancellationToken.None)).Select(h => h.PairId).ToList();
            await cache.HealthAsync(db, asOf, Now, [pairs[0].Id], CancellationToken.None);
            Assert.Equal(1, cache.HeldAsOf(asOf));
            await cache.HealthAsync(db, asOf, Now, [pairs[1].Id], CancellationToken.None);
            Assert.Equal(2, cache.HeldAsOf(asOf));

            // A quarter or more of the pairs active now: every active pair is read, and held from then on.
            var many = active.Take((active.Count / PairHealthCache.ReadAllFromShare) + 1).ToList();
            await cache.HealthAsync(db, asOf, Now, many, CancellationToken.None);
            var direct = await db.Pairs.AsNoTracking().HealthByPairAsync(db, asOf, CancellationToken.None);
            Assert.Equal(direct.Count, cache.HeldAsOf(asOf));

            // Unasked for longer than DropUnusedAfter, it is let go when another moment is asked for.
            var later = Now + PairHealthCache.DropUnusedAfter + TimeSpan.FromMinutes(1);
            await cache.HealthAsync(db, asOf.AddDays(-1), later, [pairs[0].Id], CancellationToken.None);
            Assert.Equal(0, cache.HeldAsOf(asOf));
            Assert.Equal(1, cache.HeldAsOf(asOf.AddDays(-1)));
        });
    }

    /// <summary>
    /// Asked for one pair at each earlier moment (the rest of the cache is asked for nothing there), the cache agrees with
    /// the direct query for that pair: the pairs read one by one are kept current across changes as a full moment is.
    /// </summary>
    private async Task AssertAgreesForOneAsync(PairHealthCache cache, TestPair pair) =>
        await app.ExecuteDbContextAsync(async db =>
        {
            await cache.HealthAsync(db, Now, Now, null, CancellationToken.None);
            foreach (var asOf in Earlier)
            {
                var cachedThen = await cache.HealthAsync(db, asOf, Now, [pair.Id], CancellationToken.None);
                var directThen = await db.Pairs.AsNoTracking().Where(p => p.Id == pair.Id).HealthByPairAsync(db, asOf, CancellationToken.None);
                Assert.Equal(directThen.Keys, cachedThen.Select(h => h.PairId));
                foreach (var (id, health) in directThen)
                {
                    Assert.Equal(health.Flags, cachedThen.Single(h => h.PairId == id).Flags);
                }
            }
        });

    /// <summary>The cache's health of every active pair equals the direct query's, flag for flag and reason for reason.</summary>
    private async Task<IReadOnlyDictionary<int, PairHealth>> AssertAgreesAsync(PairHealthCache cache) =>
        await app.ExecuteDbContextAsync(async db =>
        {
            var cached = (await cache.HealthAsync(db, Now, Now, null, CancellationToken.None)).ToDictionary(h => h.PairId);
            var direct = await db.Pairs.AsNoTracking().HealthByPairAsync(db, Now, CancellationToken.None);

            Assert.Equal(direct.Keys.Order(), cached.Keys.Order());
            foreach (var (id, health) in direct)
            {
                Assert.Equal(health.Flags, cached[id].Flags);
            }

            foreach (var flag in Enum.GetValues<PairFlagKind>())
            {
                Assert.Equal(direct.Values.Count(h => h.Has(flag)), cached.Values.Count(h => h.Has(flag)));
            }

            await AssertCountsAsync(cache, db, Now, direct);

            // The same at fixed earlier moments (the summary's previous period ends at one), kept by the cache across changes.
            foreach (var asOf in Earlier)
            {
                var cachedThen = (await cache.HealthAsync(db, asOf, Now, null, CancellationToken.None)).ToDictionary(h => h.PairId);
                var directThen = await db.Pairs.AsNoTracking().HealthByPairAsync(db, asOf, CancellationToken.None);
                Assert.Equal(directThen.Keys.Order(), cachedThen.Keys.Order());
                foreach (var (id, health) in directThen)
                {
                    Assert.Equal(health.Flags, cachedThen[id].Flags);
                }

                await AssertCountsAsync(cache, db, asOf, directThen);
            }

            return cached;
        });

    /// <summary>
    /// The dashboard's count (no object per pair) equals the direct health's: each pair once however often it is listed,
    /// ids with no active pair left out, whether the ids are dense (a bit each) or sparse (a set).
    /// </summary>
    private async Task AssertCountsAsync(PairHealthCache cache, AppDbContext db, DateTime asOf, IReadOnlyDictionary<int, PairHealth> direct)
    {
        var notActive = (await db.Pairs.AsNoTracking().Select(p => p.Id).ToListAsync()).Except(direct.Keys).ToList();
        List<int> dense = [.. direct.Keys, .. direct.Keys, .. notActive, -1];
        foreach (var listed in new[] { dense, [.. dense, int.MaxValue] })
        {
            var counts = await cache.CountAsync(db, asOf, Now, listed, CancellationToken.None);
            Assert.Equal(direct.Count, counts.Pairs);
            Assert.Equal(direct.Values.Count(h => h.AtRisk), counts.Any);
            foreach (var flag in Enum.GetValues<PairFlagKind>())
            {
                Assert.Equal(direct.Values.Count(h => h.Has(flag)), counts.ByFlag[flag]);
            }
        }
    }

    private static readonly DateTime[] Earlier =
    [
        new(2026, 6, 12, 12, 0, 0, DateTimeKind.Utc), new(2026, 6, 5, 9, 30, 0, DateTimeKind.Utc), new(2026, 5, 16, 0, 0, 0, DateTimeKind.Utc),
    ];
}
