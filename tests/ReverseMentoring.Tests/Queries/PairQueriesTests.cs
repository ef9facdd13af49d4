using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Sessions;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Queries;

/// <summary>The query extensions every page and job uses: whose pairs, and which pairs are active, live or started.</summary>
public sealed class PairQueriesTests(LoggingApp app) : IClassFixture<LoggingApp>
{
    private async Task<Pair> AddPairAsync(MentoringProgram program, PairStatus status)
    {
        var mentor = await app.PersonAsync(program.Id, Roles.Mentor, ParticipantRole.Mentor, $"Mentor {status}", "Europe/London");
        var mentee = await app.PersonAsync(program.Id, Roles.Mentee, ParticipantRole.Mentee, $"Mentee {status}", "Europe/London");
        var started = status is PairStatus.Accepted or PairStatus.Ended;
        var pair = new Pair
        {
            ProgramId = program.Id,
            MentorEnrolmentId = mentor.EnrolmentId,
            MenteeEnrolmentId = mentee.EnrolmentId,
            Reasons = "test",
            Status = status,
            MentorResponse = status == PairStatus.Proposed ? PairResponse.Pending : PairResponse.Accepted,
            MenteeResponse = status == PairStatus.Declined ? PairResponse.Declined : status == PairStatus.Proposed ? PairResponse.Pending : PairResponse.Accepted,
            ProposedAtUtc = DateTime.UtcNow.AddDays(-20),
            AcceptedAtUtc = started ? DateTime.UtcNow.AddDays(-19) : null,
            EndedAtUtc = status == PairStatus.Ended ? DateTime.UtcNow.AddDays(-1) : null,
            Ending = status == PairStatus.Ended ? PairEnding.Completed : null,
        };
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Pairs.Add(pair);
            await db.SaveChangesAsync();
        });
        return pair;
    }

    [Fact]
    public async Task OfParticipant_refuses_another_persons_pair()
    {
        var mine = await app.AddPairAsync();
        var theirs = await app.AddPairAsync(mine.Program, mentorName: "Olga Other", menteeName: "Theo Third");
        var mySession = await app.AddSessionAsync(mine, DateTime.UtcNow.AddDays(-3));
        var theirSession = await app.AddSessionAsync(theirs, DateTime.UtcNow.AddDays(-3));
        var me = mine.Mentee.User.Id;

        var pairs = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(me).Select(p => p.Id).ToListAsync());
        var theirsForMe = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(me).SingleOrDefaultAsync(p => p.Id == theirs.Pair.Id));
        var sessions = await app.ExecuteDbContextAsync(db => db.Sessions.OfParticipant(me).Select(s => s.Id).ToListAsync());
        var asMentor = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(me, ParticipantRole.Mentor).CountAsync());

        Assert.Equal([mine.Pair.Id], pairs);
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
        var asMentor = await app.AddPairAsync();
        var person = asMentor.Mentor.User;
        var otherProgram = await app.AddProgramAsync();
        var myMenteeEnrolment = new Enrolment
        {
            ProgramId = otherProgram.Id, UserId = person.Id, Role = ParticipantRole.Mentee, Status = EnrolmentStatus.Approved,
            Department = "Marketing", JobLevel = "Graduate", Location = "London", CreatedAtUtc = DateTime.UtcNow,
        };
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Enrolments.Add(myMenteeEnrolment);
            await db.SaveChangesAsync();
        });
        var myMentor = await app.PersonAsync(otherProgram.Id, Roles.Mentor, ParticipantRole.Mentor, "Rita Reverse", "Europe/London");
        var asMentee = new Pair
        {
            ProgramId = otherProgram.Id, MentorEnrolmentId = myMentor.EnrolmentId, MenteeEnrolmentId = myMenteeEnrolment.Id, Reasons = "test",
            Status = PairStatus.Proposed, ProposedAtUtc = DateTime.UtcNow,
        };
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Pairs.Add(asMentee);
            await db.SaveChangesAsync();
        });

        var both = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(person.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        var mentoring = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(person.Id, ParticipantRole.Mentor).Select(p => p.Id).ToListAsync());
        var mentored = await app.ExecuteDbContextAsync(db => db.Pairs.OfParticipant(person.Id, ParticipantRole.Mentee).Select(p => p.Id).ToListAsync());

        Assert.Equal([asMentor.Pair.Id, asMentee.Id], both);
        Assert.Equal([asMentor.Pair.Id], mentoring);
        Assert.Equal([asMentee.Id], mentored);
    }

    [Fact]
    public async Task Active_live_and_started_each_mean_their_one_set_of_statuses()
    {
        var program = await app.AddProgramAsync();
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
