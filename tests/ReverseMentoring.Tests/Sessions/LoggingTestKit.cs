using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>
/// The app for the logging, feedback, reminder and HR pair-overview tests: programs, accepted pairs and sessions are
/// written straight to the database (scheduling has its own tests).
/// </summary>
public sealed class LoggingApp : AppFactory
{
    public async Task<MentoringProgram> AddProgramAsync(Action<MentoringProgram>? change = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var program = new MentoringProgram
        {
            Name = $"Program {Guid.NewGuid():N}"[..20],
            Objectives = "Senior leaders learn AI tools from junior colleagues.",
            StartsOn = today.AddDays(-60),
            EndsOn = today.AddDays(120),
            Status = ProgramStatus.Running,
            SessionCadenceDays = 14,
            CreatedAtUtc = DateTime.UtcNow,
            Topics =
            [
                new ProgramTopic { Title = "AI assistants at work", SortOrder = 1 },
                new ProgramTopic { Title = "Social media basics", SortOrder = 2 },
                new ProgramTopic { Title = "Data privacy", SortOrder = 3 },
            ],
        };
        change?.Invoke(program);
        await ExecuteDbContextAsync(async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });
        return program;
    }

    /// <summary>An accepted pair in a new running program (or in <paramref name="program"/>).</summary>
    public async Task<TestPair> AddPairAsync(MentoringProgram? program = null, DateTime? acceptedAtUtc = null, string mentorName = "Maya Mentor", string menteeName = "Simon Senior")
    {
        program ??= await AddProgramAsync();
        var mentor = await PersonAsync(program.Id, Roles.Mentor, ParticipantRole.Mentor, mentorName, "Europe/London");
        var mentee = await PersonAsync(program.Id, Roles.Mentee, ParticipantRole.Mentee, menteeName, "America/New_York");
        var pair = new Pair
        {
            ProgramId = program.Id,
            MentorEnrolmentId = mentor.EnrolmentId,
            MenteeEnrolmentId = mentee.EnrolmentId,
            Score = 870,
            ScorePercent = 87,
            Reasons = "teaches AI tools 4/5, wanted at 1/5",
            Status = PairStatus.Accepted,
            MentorResponse = PairResponse.Accepted,
            MenteeResponse = PairResponse.Accepted,
            ProposedAtUtc = (acceptedAtUtc ?? DateTime.UtcNow).AddDays(-2),
            AcceptedAtUtc = acceptedAtUtc ?? DateTime.UtcNow.AddDays(-30),
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Pairs.Add(pair);
            await db.SaveChangesAsync();
        });
        return new TestPair(program, pair, mentor, mentee);
    }

    public async Task<Person> PersonAsync(int programId, string role, ParticipantRole participantRole, string name, string timeZoneId)
    {
        var user = await CreateUserAsync(role, name: name);
        var enrolment = new Enrolment
        {
            ProgramId = programId,
            UserId = user.Id,
            Role = participantRole,
            Status = EnrolmentStatus.Approved,
            Department = "Marketing",
            JobLevel = "Graduate",
            Location = "London",
            TimeZoneId = timeZoneId,
            Formats = SessionFormats.Virtual,
            CreatedAtUtc = DateTime.UtcNow,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Enrolments.Add(enrolment);
            await db.SaveChangesAsync();
        });
        return new Person(user, PrincipalFor(user, role), enrolment.Id);
    }

    /// <summary>A session of the pair, with the program's first topic on its agenda.</summary>
    public async Task<Session> AddSessionAsync(TestPair pair, DateTime startsAtUtc, SessionStatus status = SessionStatus.Scheduled, Action<Session>? change = null)
    {
        var session = new Session
        {
            ProgramId = pair.Program.Id,
            PairId = pair.Pair.Id,
            StartsAtUtc = startsAtUtc,
            DurationMinutes = 60,
            EndsAtUtc = startsAtUtc.AddMinutes(60),
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/pair",
            Status = status,
            ScheduledByUserId = pair.Mentor.User.Id,
            CreatedAtUtc = startsAtUtc.AddDays(-7),
            Topics = [new SessionTopic { ProgramTopicId = pair.Program.Topics[0].Id, Kind = SessionTopicKind.Agenda }],
        };
        if (status == SessionStatus.Held)
        {
            session.HeldMinutes = 60;
            session.LoggedAtUtc = session.EndsAtUtc;
            session.LoggedByUserId = pair.Mentor.User.Id;
        }

        change?.Invoke(session);
        await ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        return session;
    }

    public Task<Session> SessionAsync(int id) =>
        ExecuteDbContextAsync(db => db.Sessions.AsNoTracking().Include(s => s.Topics).SingleAsync(s => s.Id == id));

    public Task<List<Feedback>> FeedbackAsync(int sessionId) =>
        ExecuteDbContextAsync(db => db.SessionFeedback.AsNoTracking().Where(f => f.SessionId == sessionId).ToListAsync());

    public Task AddFeedbackAsync(TestPair pair, Session session, ParticipantRole side, int rating, string comment = "") =>
        ExecuteDbContextAsync(async db =>
        {
            db.SessionFeedback.Add(new Feedback
            {
                ProgramId = pair.Program.Id,
                PairId = pair.Pair.Id,
                SessionId = session.Id,
                ByUserId = side == ParticipantRole.Mentor ? pair.Mentor.User.Id : pair.Mentee.User.Id,
                Role = side,
                Rating = rating,
                Comment = comment,
                CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

}

public sealed record Person(AppUser User, ClaimsPrincipal As, int EnrolmentId);

public sealed record TestPair(MentoringProgram Program, Pair Pair, Person Mentor, Person Mentee);
