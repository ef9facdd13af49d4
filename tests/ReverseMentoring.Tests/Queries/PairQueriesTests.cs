using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Queries;

/// <summary>The query extensions every page and job uses: whose pairs, and which pairs are active, live or started.</summary>
public sealed class PairQueriesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<TestPair> AddPairAsync(MentoringProgram program, PairStatus status) =>
        app.PairAsync(program, status, mentorName: $"Mentor {status}", menteeName: $"Mentee {status}");

    [Fact]
    public async Task OfParticipant_refuses_another_persons_pair()
    {
        var mine = await app.PairAsync();
        var theirs = await app.PairAsync(mine.Program, mentorName: "Olga Other", menteeName: "Theo Third");
        var mySession = await app.SessionAsync(mine, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(-3));
        var theirSession = await app.SessionAsync(theirs, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(-3));
        var me = mine.Mentee.User.Id;

        var pairs = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(me).Select(p => p.Id).ToListAsync());
        var theirsForMe = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(me).SingleOrDefaultAsync(p => p.Id == theirs.Id));
        var sessions = await app.ExecuteDbContextAsync(db => db.Sessions.OfParticipant(db, me).Select(s => s.Id).ToListAsync());
        var asMentor = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(me, ParticipantRole.Mentor).CountAsync());

        Assert.Equal([mine.Id], pairs);
        Assert.Null(theirsForMe);
        Assert.Equal([mySession.Id], sessions);
        Assert.Equal(0, asMentor);

        // The requests answer through the same rule: another pair's session is not found, as if it did not exist.
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new LogSession.Query(theirSession.Id), mine.Mentee.As));
        Assert.Equal(mySession.Id, (await app.SendAsync(new LogSession.Query(mySession.Id), mine.Mentee.As)).SessionId);
    }

    [Fact]
    public async Task OfParticipant_finds_a_persons_pairs_on_either_side()
    {
        var asMentor = await app.PairAsync();
        var person = asMentor.Mentor.User;
        var otherProgram = await app.ProgramAsync();
        await app.EnrolAsync(otherProgram, asMentor.Mentor, ParticipantRole.Mentee);
        var myMentor = await app.PersonAsync(Roles.Mentor, "Rita Reverse");
        var asMentee = await app.PairAsync(otherProgram, PairStatus.Proposed, myMentor, asMentor.Mentor);

        var both = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(person.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        var mentoring = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(person.Id, ParticipantRole.Mentor).Select(p => p.Id).ToListAsync());
        var mentored = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(person.Id, ParticipantRole.Mentee).Select(p => p.Id).ToListAsync());

        Assert.Equal([asMentor.Id, asMentee.Id], both);
        Assert.Equal([asMentor.Id], mentoring);
        Assert.Equal([asMentee.Id], mentored);
    }

    [Fact]
    public async Task Active_live_and_started_each_mean_their_one_set_of_statuses()
    {
        var program = await app.ProgramAsync();
        var pairs = new Dictionary<PairStatus, int>();
        foreach (var status in Enum.GetValues<PairStatus>())
        {
            pairs[status] = (await AddPairAsync(program, status)).Id;
        }

        Task<List<int>> IdsAsync(Func<IQueryable<Pair>, IQueryable<Pair>> which) =>
            app.ExecuteDbContextAsync(db => which(db.Pairs.Where(p => p.ProgramId == program.Id)).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());

        Assert.Equal([pairs[PairStatus.Accepted]], await IdsAsync(p => p.Active()));
        Assert.Equal([pairs[PairStatus.Proposed], pairs[PairStatus.Accepted]], await IdsAsync(p => p.Live()));
        Assert.Equal([pairs[PairStatus.Accepted], pairs[PairStatus.Ended]], await IdsAsync(p => p.Started()));

        // The same rule in memory.
        var loaded = await app.ExecuteDbContextAsync(db => db.Pairs.AsNoTracking().Where(p => p.ProgramId == program.Id).ToListAsync());
        Assert.Equal([pairs[PairStatus.Accepted]], loaded.Where(p => p.IsActive).Select(p => p.Id));
    }
}
