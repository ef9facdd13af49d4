using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ReverseMentoring.Tests.Enrolments;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Pairing.Responses;

/// <summary>The app with the response watch off, so tests drive it; pairs are written straight to the database.</summary>
public sealed class PairResponsesApp : AppFactory
{
    public PairResponsesApp() => With("Pairing:WatchEnabled", "false");

    /// <summary>A program with an enrolled mentor and mentee proposed to each other.</summary>
    public async Task<ProposedPair> ProposePairAsync(DateTime? proposedAtUtc = null, Action<MentoringProgram>? change = null)
    {
        var program = await EnrolmentTestKit.AddProgramAsync(this, change);
        var mentor = await EnrolAsync(program.Id, Roles.Mentor, ParticipantRole.Mentor, "Maya Mentor");
        var mentee = await EnrolAsync(program.Id, Roles.Mentee, ParticipantRole.Mentee, "Simon Senior");
        var pair = await AddPairAsync(program.Id, mentor.Enrolment.Id, mentee.Enrolment.Id, proposedAtUtc);
        return new ProposedPair(program, pair, mentor, mentee);
    }

    public async Task<Person> EnrolAsync(int programId, string role, ParticipantRole participantRole, string name)
    {
        var user = await CreateUserAsync(role, name: name);
        var principal = PrincipalFor(user, role);
        var enrolment = await EnrolmentTestKit.EnrolAsync(this, programId, user, principal, participantRole);
        return new Person(user, principal, enrolment);
    }

    public async Task<Pair> AddPairAsync(int programId, int mentorEnrolmentId, int menteeEnrolmentId, DateTime? proposedAtUtc = null)
    {
        var pair = new Pair
        {
            ProgramId = programId,
            MentorEnrolmentId = mentorEnrolmentId,
            MenteeEnrolmentId = menteeEnrolmentId,
            Score = 870,
            ScorePercent = 87,
            Reasons = "teaches AI tools 4/5, wanted at 1/5; 3 h/week overlap",
            Status = PairStatus.Proposed,
            ProposedAtUtc = proposedAtUtc ?? DateTime.UtcNow,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Pairs.Add(pair);
            await db.SaveChangesAsync();
        });
        return pair;
    }

    public Task<Pair> PairAsync(int pairId) =>
        ExecuteDbContextAsync(db => db.Pairs.AsNoTracking().SingleAsync(p => p.Id == pairId));

}

public sealed record Person(AppUser User, ClaimsPrincipal As, Enrolment Enrolment);

public sealed record ProposedPair(MentoringProgram Program, Pair Pair, Person Mentor, Person Mentee);
