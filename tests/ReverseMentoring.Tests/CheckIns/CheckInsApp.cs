using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using ReverseMentoring.Tests.Enrolments;
using ReverseMentoring.Tests.Pairing.Responses;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;

using ReverseMentoring.Web.Features.Enrolments;

using ReverseMentoring.Web.Features.Pairing;

using ReverseMentoring.Web.Features.Pairs;

using ReverseMentoring.Web.Features.Resources;

using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.CheckIns;

/// <summary>
/// The app with the check-in job off (the test factory's default), so tests run it on their own clock; confirmed
/// pairs, questions, check-ins and sessions are written straight to the database.
/// </summary>
public sealed class CheckInsApp : AppFactory
{
    public CheckInsApp() => With("Pairing:WatchEnabled", "false").With("Invitations:RemindersEnabled", "false");

    public CheckInJob Job(TimeProvider clock) => new(
        Services.GetRequiredService<IServiceScopeFactory>(),
        Services.GetRequiredService<IOptions<CheckInOptions>>(),
        clock,
        NullLogger<CheckInJob>.Instance);

    /// <summary>
    /// A running program with a mentor (teaching AI tools and Social media) and a mentee (wanting to learn them) in a
    /// pair both accepted at <paramref name="acceptedAtUtc"/>.
    /// </summary>
    public async Task<ConfirmedPair> ConfirmedPairAsync(DateTime? acceptedAtUtc = null, ProgramStatus status = ProgramStatus.Running)
    {
        var program = await EnrolmentTestKit.AddProgramAsync(this);
        var mentor = await EnrolAsync(program.Id, Roles.Mentor, ParticipantRole.Mentor, "Maya Mentor");
        var mentee = await EnrolAsync(program.Id, Roles.Mentee, ParticipantRole.Mentee, "Simon Senior");
        var accepted = acceptedAtUtc ?? DateTime.UtcNow.AddDays(-1);
        var pair = new Pair
        {
            ProgramId = program.Id,
            MentorEnrolmentId = mentor.Enrolment.Id,
            MenteeEnrolmentId = mentee.Enrolment.Id,
            Score = 870,
            ScorePercent = 87,
            Reasons = "teaches AI tools 4/5, wanted at 3/5",
            Status = PairStatus.Accepted,
            MentorResponse = PairResponse.Accepted,
            MenteeResponse = PairResponse.Accepted,
            ProposedAtUtc = accepted.AddDays(-2),
            AcceptedAtUtc = accepted,
        };
        await ExecuteDbContextAsync(async db =>
        {
            var saved = await db.Programs.SingleAsync(p => p.Id == program.Id);
            saved.Status = status;
            db.Pairs.Add(pair);
            await db.SaveChangesAsync();
        });
        return new ConfirmedPair(program, pair, mentor, mentee);
    }

    public async Task<Pairing.Responses.Person> EnrolAsync(int programId, string role, ParticipantRole participantRole, string name)
    {
        var user = await CreateUserAsync(role, name: name);
        var principal = PrincipalFor(user, role);
        var enrolment = await EnrolmentTestKit.EnrolAsync(this, programId, user, principal, participantRole);
        return new Pairing.Responses.Person(user, principal, enrolment);
    }

    public async Task<CheckInQuestion> AddQuestionAsync(int programId, string text, CheckInQuestionKind kind, int sortOrder = 1, bool retired = false)
    {
        var question = new CheckInQuestion
        {
            ProgramId = programId,
            Text = text,
            Kind = kind,
            SortOrder = sortOrder,
            RetiredAtUtc = retired ? DateTime.UtcNow : null,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.CheckInQuestions.Add(question);
            await db.SaveChangesAsync();
        });
        return question;
    }

    /// <summary>A check-in sent to one side of the pair, as the job would have sent it.</summary>
    public async Task<CheckIn> SendCheckInAsync(ConfirmedPair pair, Pairing.Responses.Person to, CheckInKind kind = CheckInKind.Milestone, int day = 30)
    {
        var checkIn = new CheckIn
        {
            ProgramId = pair.Program.Id,
            PairId = pair.Pair.Id,
            EnrolmentId = to.Enrolment.Id,
            UserId = to.User.Id,
            Role = to.Enrolment.Role,
            Kind = kind,
            DayNumber = kind == CheckInKind.HaveYouMet ? 14 : day,
            SentAtUtc = DateTime.UtcNow,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.CheckIns.Add(checkIn);
            await db.SaveChangesAsync();
        });
        return checkIn;
    }

    public async Task<Session> AddSessionAsync(ConfirmedPair pair, SessionStatus status, DateTime startsAtUtc)
    {
        var session = new Session
        {
            ProgramId = pair.Program.Id,
            PairId = pair.Pair.Id,
            StartsAtUtc = startsAtUtc,
            DurationMinutes = 60,
            EndsAtUtc = startsAtUtc.AddMinutes(60),
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/abc",
            Status = status,
            ScheduledByUserId = pair.Mentor.User.Id,
            CreatedAtUtc = DateTime.UtcNow,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        return session;
    }

    public Task<List<CheckIn>> CheckInsOfAsync(int pairId) =>
        ExecuteDbContextAsync(db => db.CheckIns.AsNoTracking().Include(c => c.Answers)
            .Where(c => c.PairId == pairId).OrderBy(c => c.Kind).ThenBy(c => c.DayNumber).ThenBy(c => c.Role).ToListAsync());

    public Task<CheckIn> CheckInAsync(int id) =>
        ExecuteDbContextAsync(db => db.CheckIns.AsNoTracking().Include(c => c.Answers).SingleAsync(c => c.Id == id));

    public Task<Pair> PairAsync(int pairId) =>
        ExecuteDbContextAsync(db => db.Pairs.AsNoTracking().SingleAsync(p => p.Id == pairId));

}

public sealed record ConfirmedPair(MentoringProgram Program, Pair Pair, Pairing.Responses.Person Mentor, Pairing.Responses.Person Mentee);
