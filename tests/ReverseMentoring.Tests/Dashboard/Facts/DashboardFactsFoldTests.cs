using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard.Facts;

/// <summary>
/// Stored facts stay exact: random writes through the DbContext, folded at random points (sometimes two folds at once),
/// always read the same as a full recomputation from the rows and as a full rebuild.
/// </summary>
public sealed class DashboardFactsFoldTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Start = new(DateTime.UtcNow.Year + 1, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Days = 20;
    private static readonly DateOnly From = DateOnly.FromDateTime(Start).AddDays(-30);
    private static readonly DateOnly To = DateOnly.FromDateTime(Start).AddDays(Days + 30);

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(37)]
    [InlineData(41)]
    public async Task Folded_facts_equal_a_full_recomputation_and_a_rebuild_after_random_writes(int seed)
    {
        var program = await app.FactsProgramAsync(4);
        var random = new Random(seed);
        var kinds = new int[14];
        for (var step = 0; step < 220; step++)
        {
            var kind = random.Next(kinds.Length);
            if (await app.ExecuteDbContextAsync(db => WriteAsync(db, program, random, kind)))
            {
                kinds[kind]++;
            }

            if (random.Next(12) == 0)
            {
                if (random.Next(3) == 0)
                {
                    // Two instances folding at once, one for this program and one for all.
                    await Task.WhenAll(app.FoldAsync([program.Id]), app.FoldAsync());
                }
                else
                {
                    await app.FoldAsync(random.Next(2) == 0 ? [program.Id] : null);
                }
            }

            if (random.Next(50) == 0)
            {
                await AssertExactAsync(program.Id);
            }
        }

        // Every kind of write happened, so the comparison below covers each.
        Assert.All(kinds, count => Assert.True(count > 0));
        var folded = await AssertExactAsync(program.Id);
        Assert.NotEmpty(folded);

        await app.ExecuteDbContextAsync(db => DashboardFacts.RebuildAsync(db, CancellationToken.None));
        Assert.Equal(folded, await app.StoredAsync(program.Id));
    }

    [Fact]
    public async Task Markers_written_while_a_fold_runs_are_not_lost()
    {
        var program = await app.FactsProgramAsync(4);
        var random = new Random(5);
        var writing = true;
        var folds = 0;
        var folding = Task.Run(async () =>
        {
            while (Volatile.Read(ref writing))
            {
                if (await app.FoldAsync([program.Id]) > 0)
                {
                    Interlocked.Increment(ref folds);
                }
            }
        });

        // At least 120 writes, and more until a fold has written facts between them (under load every fold of the first
        // 120 may have found a newer marker and stood back, which is correct but tests nothing).
        for (var step = 0; step < 120 || (Volatile.Read(ref folds) == 0 && step < 5000); step++)
        {
            var kind = random.Next(12);
            await app.ExecuteDbContextAsync(db => WriteAsync(db, program, random, kind));
        }

        Volatile.Write(ref writing, false);
        await folding;
        Assert.True(folds > 0);

        // What the concurrent folds left is exact once the markers still waiting are folded: none was deleted unfolded.
        await app.FoldAsync([program.Id]);
        Assert.Empty(await app.MarkersAsync(program.Id));
        Assert.Equal(await app.FromRowsAsync(program.Id, From, To), await app.StoredAsync(program.Id));
    }

    [Fact]
    public async Task A_rebuild_deletes_the_facts_of_days_that_no_longer_have_rows()
    {
        var program = await app.FactsProgramAsync(2);
        var session = FactsKit.PairSession(program.Pairs[1], Start.AddDays(2), SessionStatus.Held);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        await app.FoldAsync([program.Id]);
        Assert.Single(await app.StoredAsync(program.Id));

        // Deleted behind the change tracker's back, as a repair would find it: no marker.
        await app.ExecuteDbContextAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteDeleteAsync());
        await app.ExecuteDbContextAsync(db => DashboardFacts.RebuildAsync(db, CancellationToken.None));

        Assert.Empty(await app.StoredAsync(program.Id));
    }

    [Fact]
    public async Task The_facts_version_moves_with_a_marker_and_with_a_fold()
    {
        var program = await app.FactsProgramAsync(2);
        var version = async () => (await app.ExecuteDbContextAsync(db => DashboardFacts.VersionsAsync(db, CancellationToken.None)))[program.Id].Facts;
        var first = await version();
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(FactsKit.PairSession(program.Pairs[1], Start.AddDays(3)));
            await db.SaveChangesAsync();
        });
        var marked = await version();
        await app.FoldAsync([program.Id]);
        var folded = await version();

        Assert.True(marked > first);
        Assert.True(folded > marked);
    }

    private async Task<List<string>> AssertExactAsync(int programId)
    {
        var read = await app.ExecuteDbContextAsync(db => DashboardFacts.ReadAsync(db, [programId], From, To, CancellationToken.None));
        var rows = await app.FromRowsAsync(programId, From, To);
        Assert.Equal(rows, FactsKit.Describe(read));

        // Read through the fold, not around it: nothing left marked, and the stored days are the same facts.
        Assert.Empty(await app.MarkersAsync(programId));
        Assert.Equal(rows, await app.StoredAsync(programId));
        return rows;
    }

    private static DateTime RandomTime(Random random) => Start.AddDays(random.Next(Days)).AddMinutes(random.Next(24 * 60));

    private static T? Pick<T>(Random random, IReadOnlyList<T> items) where T : class => items.Count == 0 ? null : items[random.Next(items.Count)];

    /// <summary>One random write of the given kind, as a request would make it: load, change, save. False when there was nothing to change.</summary>
    private static async Task<bool> WriteAsync(AppDbContext db, FactsProgram program, Random random, int kind)
    {
        var sessions = await db.Sessions.Where(s => s.ProgramId == program.Id).OrderBy(s => s.Id).ToListAsync();
        var session = Pick(random, sessions);
        switch (kind)
        {
            case 0:
            case 1:
                db.Sessions.Add(FactsKit.PairSession(program.Pairs[random.Next(program.Pairs.Count)], RandomTime(random), (SessionStatus)random.Next(4), 30 + random.Next(60)));
                break;
            case 2:
                db.Sessions.Add(FactsKit.GroupSession(program, RandomTime(random), (SessionStatus)random.Next(4), 30 + random.Next(60)));
                break;
            case 3 when session is not null:
                db.Entry(session).Property(s => s.Status).CurrentValue = SessionStatus.Held;
                db.Entry(session).Property(s => s.HeldMinutes).CurrentValue = 20 + random.Next(70);
                break;
            case 4 when session is not null:
                db.Entry(session).Property(s => s.Status).CurrentValue = SessionStatus.Cancelled;
                break;
            case 5 when session is not null:
                db.Entry(session).Property(s => s.Status).CurrentValue = random.Next(2) == 0 ? SessionStatus.Missed : SessionStatus.Scheduled;
                db.Entry(session).Property(s => s.DurationMinutes).CurrentValue = 30 + random.Next(60);
                break;
            case 6 when session is not null:
                var to = RandomTime(random);
                db.Entry(session).Property(s => s.StartsAtUtc).CurrentValue = to;
                db.Entry(session).Property(s => s.EndsAtUtc).CurrentValue = to.AddMinutes(session.DurationMinutes);
                break;
            case 7 when session is not null:
                db.SessionFeedback.RemoveRange(await db.SessionFeedback.Where(f => f.SessionId == session.Id).ToListAsync());
                db.Sessions.Remove(session);
                break;
            case 8:
            case 9:
                if (session is null)
                {
                    return false;
                }

                var pairId = session.PairId ?? program.GroupPairIds[random.Next(program.GroupPairIds.Count)];
                var pair = program.Pairs.Single(p => p.Id == pairId);
                var role = random.Next(2) == 0 ? ParticipantRole.Mentor : ParticipantRole.Mentee;
                if (await db.SessionFeedback.AnyAsync(f => f.SessionId == session.Id && f.PairId == pairId && f.Role == role))
                {
                    return false;
                }

                db.SessionFeedback.Add(new Feedback
                {
                    ProgramId = program.Id, PairId = pairId, SessionId = session.Id, ByUserId = pair.Side(role).Id, Role = role,
                    Rating = 1 + random.Next(5), CreatedAtUtc = RandomTime(random),
                });
                break;
            case 10:
            case 11:
                var feedback = Pick(random, await db.SessionFeedback.Where(f => f.ProgramId == program.Id).OrderBy(f => f.Id).ToListAsync());
                if (feedback is null)
                {
                    return false;
                }

                if (kind == 10)
                {
                    db.SessionFeedback.Remove(feedback);
                }
                else
                {
                    feedback.Rating = 1 + random.Next(5);
                    if (random.Next(2) == 0)
                    {
                        feedback.CreatedAtUtc = RandomTime(random);
                    }
                }

                break;
            case 12:
                var groupSession = Pick(random, sessions.Where(s => s.GroupId != null).ToList());
                if (groupSession is null)
                {
                    return false;
                }

                var member = program.Pairs.Take(3).ElementAt(random.Next(3));
                var row = await db.SessionAttendance.SingleOrDefaultAsync(a => a.SessionId == groupSession.Id && a.PairId == member.Id);
                if (row is null)
                {
                    db.SessionAttendance.Add(new SessionAttendance { SessionId = groupSession.Id, PairId = member.Id, MenteeEnrolmentId = member.MenteeEnrolmentId, Attended = random.Next(3) > 0 });
                }
                else if (random.Next(3) == 0)
                {
                    db.SessionAttendance.Remove(row);
                }
                else
                {
                    row.Attended = !row.Attended;
                }

                break;
            case 13:
                var members = await db.MentoringGroupMembers.Where(m => m.GroupId == program.GroupId).OrderBy(m => m.Id).ToListAsync();
                var outside = program.Pairs.Where(p => members.All(m => m.PairId != p.Id)).ToList();
                if (members.Count > 1 && (outside.Count == 0 || random.Next(2) == 0))
                {
                    db.MentoringGroupMembers.Remove(members[random.Next(members.Count)]);
                }
                else if (outside.Count > 0)
                {
                    var joining = outside[random.Next(outside.Count)];
                    db.MentoringGroupMembers.Add(new MentoringGroupMember { GroupId = program.GroupId, PairId = joining.Id, MenteeEnrolmentId = joining.MenteeEnrolmentId });
                }
                else
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        await db.SaveChangesAsync();
        return true;
    }
}

/// <summary>A database with nothing in it rebuilds to nothing, and says it is built.</summary>
public sealed class DashboardFactsEmptyRebuildTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Rebuilding_an_empty_database_writes_no_days_and_marks_the_facts_built()
    {
        var written = await app.ExecuteDbContextAsync(async db =>
        {
            await db.DashboardFactsState.ExecuteDeleteAsync();
            Assert.False(await DashboardFacts.IsBuiltAsync(db, CancellationToken.None));
            return await DashboardFacts.RebuildAsync(db, CancellationToken.None);
        });

        Assert.Equal(0, written);
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.DashboardDays.CountAsync()));
        Assert.True(await app.ExecuteDbContextAsync(db => DashboardFacts.IsBuiltAsync(db, CancellationToken.None)));
    }
}
