using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Tests.Pairing.Board;
using ReverseMentoring.Web.Features.Agreements;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Pairs;

namespace ReverseMentoring.Tests.Home;

/// <summary>
/// Participant homes kept per person (ADR 0028). The app of these tests checks every reuse against a fresh read
/// (<see cref="AppFactory"/> sets <c>ParticipantHome:CheckEachReuse</c>), so a kept home that missed a change fails the
/// view that reuses it.
/// </summary>
public sealed class KeptHomeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private KeptHomes Homes => app.Services.GetRequiredService<KeptHomes>();

    private Task<PersonStamp> StampOfAsync(Person person) =>
        app.ExecuteDbContextAsync(db => PersonChanges.StampAsync(db, person.User.Id, CancellationToken.None));

    private DateTime Now() => app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private Task<MyMentoring.Result> HomeOfAsync(Person person) => app.SendAsync(new MyMentoring.Query(), person.As);

    [Fact]
    public async Task A_second_view_with_nothing_changed_is_answered_from_the_kept_home()
    {
        var pair = await app.PairAsync();
        await HomeOfAsync(pair.Mentor);
        var reused = Homes.Reused;

        var again = await HomeOfAsync(pair.Mentor);

        Assert.Equal(reused + 1, Homes.Reused);
        Assert.Equal(pair.Mentee.User.DisplayName, Assert.Single(again.Pairs).Partner.Name);
    }

    [Fact]
    public async Task What_the_partner_does_reaches_the_kept_home_at_once()
    {
        var pair = await app.PairAsync();
        await HomeOfAsync(pair.Mentor);
        await HomeOfAsync(pair.Mentor);

        await app.SendAsync(new PostMessage.Command { PairId = pair.Id, Text = "See you Thursday." }, pair.Mentee.As);
        var afterMessage = Assert.Single((await HomeOfAsync(pair.Mentor)).Pairs);
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, Now().AddDays(2), scheduledBy: pair.Mentee);
        var afterSession = Assert.Single((await HomeOfAsync(pair.Mentor)).Pairs);
        await RenameAsync(pair.Mentee, "Renamed Mentee");
        var afterRename = Assert.Single((await HomeOfAsync(pair.Mentor)).Pairs);

        Assert.Equal(1, afterMessage.UnreadMessages);
        Assert.Equal(session.Id, afterSession.Next?.Id);
        Assert.Equal("Renamed Mentee", afterRename.Partner.Name);
    }

    [Fact]
    public async Task A_program_change_and_a_bulk_statement_reach_every_kept_home()
    {
        var pair = await app.PairAsync();
        await HomeOfAsync(pair.Mentee);
        await AddTopicAsync(pair, "Prompting well", 99);
        var afterTopic = Assert.Single((await HomeOfAsync(pair.Mentee)).Pairs);
        await app.ExecuteDbContextAsync(db => db.Enrolments.Where(e => e.Id == pair.MentorEnrolmentId)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Goals, "Show a leader how I use AI at work.")));
        var afterGoals = Assert.Single((await HomeOfAsync(pair.Mentee)).Pairs);

        Assert.Contains(afterTopic.Topics, t => t.Title == "Prompting well");
        Assert.Equal("Show a leader how I use AI at work.", afterGoals.Partner.Goals);
    }

    [Fact]
    public async Task A_change_moves_the_people_it_touches_when_it_commits_and_nobody_else()
    {
        var pair = await app.PairAsync();
        var other = await app.PairAsync();
        var mentor = await StampOfAsync(pair.Mentor);
        var mentee = await StampOfAsync(pair.Mentee);
        var stranger = await StampOfAsync(other.Mentor);

        PersonStamp beforeCommit = default;
        await app.ExecuteDbContextAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Sessions.Add(NewSession(pair));
            await db.SaveChangesAsync();
            beforeCommit = await StampOfAsync(pair.Mentor);
            await transaction.CommitAsync();
        }));

        Assert.Equal(mentor, beforeCommit);
        Assert.NotEqual(mentor, await StampOfAsync(pair.Mentor));
        Assert.NotEqual(mentee, await StampOfAsync(pair.Mentee));
        Assert.Equal(stranger, await StampOfAsync(other.Mentor));
    }

    [Fact]
    public async Task A_bookkeeping_statement_moves_nobody_and_any_other_bulk_statement_moves_everyone()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, Now().AddDays(4));
        var stranger = await app.PairAsync();
        var before = await StampOfAsync(stranger.Mentor);

        var audited = await app.ExecuteDbContextAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).Take(1)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.UserName, a => a.UserName)));
        var afterBookkeeping = await StampOfAsync(stranger.Mentor);
        var none = await app.ExecuteDbContextAsync(db => db.Sessions.Where(s => s.Id < 0).ExecuteDeleteAsync());
        var afterNothing = await StampOfAsync(stranger.Mentor);
        await app.ExecuteDbContextAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Location, "Room 4")));

        Assert.Equal(1, audited);
        Assert.Equal(before, afterBookkeeping);
        Assert.Equal(0, none);
        Assert.Equal(before, afterNothing);
        Assert.NotEqual(before, await StampOfAsync(stranger.Mentor));
    }

    [Fact]
    public async Task Change_rows_are_pruned_once_no_kept_home_can_depend_on_them()
    {
        var pair = await app.PairAsync();
        var now = Now();
        await app.ExecuteDbContextAsync(db =>
        {
            db.PersonChanges.Add(new PersonChange { UserId = pair.Mentor.User.Id, ChangedAtUtc = now - PersonChanges.KeptFor - TimeSpan.FromMinutes(1) });
            return db.SaveChangesAsync();
        });
        var before = await StampOfAsync(pair.Mentor);

        var pruned = await app.ExecuteDbContextAsync(db => PersonChanges.PruneAsync(db, now, CancellationToken.None));
        var left = await app.ExecuteDbContextAsync(db => db.PersonChanges.Where(c => c.UserId == pair.Mentor.User.Id).Select(c => c.ChangedAtUtc).ToListAsync());

        Assert.True(pruned >= 1);
        Assert.NotEmpty(left);
        Assert.All(left, at => Assert.True(at >= now - PersonChanges.KeptFor));
        Assert.NotEqual(before, await StampOfAsync(pair.Mentor));
    }

    [Fact]
    public async Task A_place_on_a_wait_list_moves_on_the_home_when_someone_ahead_leaves_it()
    {
        var kit = await app.BoardAsync(p => p.Matching.Mode = MatchingMode.PreferenceLed);
        var ahead = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, TestData.Unique("Ahead"));
        var behind = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, TestData.Unique("Behind"));
        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.Enrolments.FindAsync(ahead))!.CreatedAtUtc = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync();
        });
        var before = await HomeOfAsync(kit.People[behind]);

        // The one ahead withdraws: their own record, which touches nobody else's home.
        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.Enrolments.FindAsync(ahead))!.Withdraw(kit.People[ahead].User.Id, "Moved team.", Now());
            return await db.SaveChangesAsync();
        });
        var after = await HomeOfAsync(kit.People[behind]);

        Assert.Contains(before.ToDo, a => a.Kind == ParticipantActionKind.RankPartners && a.Title.Contains("number 2 waiting", StringComparison.Ordinal));
        Assert.Contains(after.ToDo, a => a.Kind == ParticipantActionKind.RankPartners && a.Title.Contains("number 1 waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bulk_save_touches_everyone_without_looking_up_each_person()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i <= PersonChangesInterceptor.MostLookedUp; i++)
        {
            db.Users.Add(new AppUser { Id = $"bulk-{i}", UserName = $"bulk-{i}@example.com", DisplayName = $"Bulk {i}" });
        }

        var (people, everyone) = await PersonChangesInterceptor.PeopleOfAsync(db, db.ChangeTracker.Entries().ToList(), sync: false, CancellationToken.None);
        db.Users.Local.Take(1).ToList().ForEach(u => db.Entry(u).State = EntityState.Detached);
        var (fewer, notEveryone) = await PersonChangesInterceptor.PeopleOfAsync(db, db.ChangeTracker.Entries().ToList(), sync: false, CancellationToken.None);

        Assert.True(everyone);
        Assert.Empty(people);
        Assert.False(notEveryone);
        Assert.Equal(PersonChangesInterceptor.MostLookedUp, fewer.Count);
    }

    [Fact]
    public void The_stamp_is_one_statement_on_sql_server_too()
    {
        using var db = new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=unused;Database=unused").Options);

        var sql = PersonChanges.StampQuery(db, "someone").ToQueryString();

        Assert.Equal(1, sql.Split("FROM [PersonChanges]").Length - 1);
        Assert.Contains("COUNT(*)", sql, StringComparison.Ordinal);
        Assert.Contains("SUM(", sql, StringComparison.Ordinal);
    }

    /// <summary>
    /// A seeded run of the writes a program sees, each followed by every participant's home: with each reuse checked
    /// against a fresh read, any kind of write that does not reach the homes it changes fails here.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Kept_homes_equal_fresh_reads_through_a_random_run_of_writes(int seed)
    {
        var random = new Random(seed);
        var first = await app.PairAsync();
        var second = await app.PairAsync(program: first.Program);
        var elsewhere = await app.PairAsync();
        TestPair[] pairs = [first, second, elsewhere];
        var people = pairs.SelectMany(p => new[] { p.Mentor, p.Mentee }).ToList();
        var skill = await app.SkillIdAsync("AI tools");
        var held = new List<(TestPair Pair, Session Session)>();
        var given = new HashSet<(int, ParticipantRole)>();
        var reusedBefore = Homes.Reused;

        for (var step = 0; step < 30; step++)
        {
            var pair = pairs[random.Next(pairs.Length)];
            var side = random.Next(2) == 0 ? ParticipantRole.Mentor : ParticipantRole.Mentee;
            var now = Now();
            switch (random.Next(12))
            {
                case 0:
                    await app.SessionAsync(pair, SessionStatus.Scheduled, now.AddDays(random.Next(1, 20)).AddMinutes(step));
                    break;
                case 1:
                    held.Add((pair, await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-random.Next(1, 20)).AddMinutes(step))));
                    break;
                case 2 when held.Count > 0:
                    var (ratedPair, session) = held[random.Next(held.Count)];
                    if (given.Add((session.Id, side)))
                    {
                        await app.FeedbackAsync(ratedPair, session, side, random.Next(1, 6));
                    }

                    break;
                case 3:
                    await app.SendAsync(new PostMessage.Command { PairId = pair.Id, Text = $"Step {step}" }, pair.Side(side).As);
                    break;
                case 4:
                    await app.CheckInAsync(pair, side, day: 30 + step);
                    break;
                case 5 when given.Add((-pair.Id, side)):
                    await app.SkillRatingAsync(pair, side, skill, SkillRatingStage.Start, random.Next(1, 6));
                    break;
                case 6:
                    await RenameAsync(pair.Side(side), $"Person {step}");
                    break;
                case 7:
                    await app.ExecuteDbContextAsync(db => db.Enrolments.Where(e => e.Id == pair.EnrolmentOf(side))
                        .ExecuteUpdateAsync(u => u.SetProperty(e => e.Goals, $"Goals of step {step}")));
                    break;
                case 8:
                    await AddTopicAsync(pair, $"Topic {step}", step);
                    break;
                case 9:
                    await app.ExecuteDbContextAsync(async db =>
                    {
                        var next = await db.Sessions.Where(s => s.PairId == pair.Id && s.Status == SessionStatus.Scheduled).OrderBy(s => s.Id).FirstOrDefaultAsync();
                        if (next is not null)
                        {
                            next.Cancel(pair.Side(side).User.Id, "Travel.", now);
                            await db.SaveChangesAsync();
                        }
                    });
                    break;
                case 10:
                    await app.SendAsync(new SignAgreement.Command { PairId = pair.Id, Version = 1 }, pair.Side(side).As);
                    break;
                default:
                    await app.ResourceAsync(pair.Program, $"Guide {step}", url: "https://example.com/guide");
                    break;
            }

            foreach (var person in people)
            {
                await HomeOfAsync(person);
            }
        }

        // The run reused homes (so it checked them) as well as reading them again.
        Assert.True(Homes.Reused - reusedBefore >= 30, $"only {Homes.Reused - reusedBefore} views were reused");
    }

    private static Session NewSession(TestPair pair) => new()
    {
        ProgramId = pair.ProgramId,
        PairId = pair.Id,
        StartsAtUtc = DateTime.UtcNow.AddDays(3),
        DurationMinutes = 60,
        EndsAtUtc = DateTime.UtcNow.AddDays(3).AddHours(1),
        Format = SessionFormats.Virtual,
        Location = "https://meet.example.com/pair",
        Status = SessionStatus.Scheduled,
        ScheduledByUserId = pair.Mentor.User.Id,
        CreatedAtUtc = DateTime.UtcNow,
    };

    private Task<int> AddTopicAsync(TestPair pair, string title, int sortOrder) =>
        app.ExecuteDbContextAsync(db =>
        {
            db.ProgramTopics.Add(new ProgramTopic { ProgramId = pair.ProgramId, Title = title, SortOrder = sortOrder });
            return db.SaveChangesAsync();
        });

    private async Task RenameAsync(Person person, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(person.User.Id);
        user!.DisplayName = name;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }
}
