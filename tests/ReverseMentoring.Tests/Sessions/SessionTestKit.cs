using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReverseMentoring.Tests.Invitations;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>
/// The app on a fixed clock (Monday 1 March 2027, 08:00 UTC, four weeks before Europe's clocks go forward) with the
/// background jobs off, and helpers writing programs, people and confirmed pairs straight to the database.
/// </summary>
public class SessionsApp : AppFactory
{
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public SessionsApp()
    {
        With("Pairing:WatchEnabled", "false");
        With("Invitations:RemindersEnabled", "false");
    }

    public TestClock Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A running program meeting in person or virtually, with two recommended topics.</summary>
    public async Task<MentoringProgram> AddProgramAsync(Action<MentoringProgram>? change = null)
    {
        var program = new MentoringProgram
        {
            Name = $"Digital fluency {Guid.NewGuid():N}"[..28],
            Objectives = "Senior leaders learn AI tools from junior colleagues.",
            StartsOn = new DateOnly(2027, 2, 1),
            EndsOn = new DateOnly(2027, 12, 31),
            Status = ProgramStatus.Running,
            SessionMinutes = 60,
            Formats = SessionFormats.InPerson | SessionFormats.Virtual,
            CreatedAtUtc = Now.UtcDateTime,
            Topics =
            [
                new ProgramTopic { Title = "AI assistants at work", SuggestedActivities = "Draft an e-mail together.", SortOrder = 1 },
                new ProgramTopic { Title = "Social media basics", SuggestedActivities = "Post on the intranet.", SortOrder = 2 },
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

    /// <summary>Weekly availability: Monday and Wednesday 09:00-12:00 in the person's own time zone.</summary>
    public static IReadOnlyList<AvailabilitySlot> OfficeHours() =>
    [
        new() { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) },
        new() { Day = DayOfWeek.Wednesday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) },
    ];

    /// <summary>A new person with the role, approved in the program; or, given <paramref name="existing"/>, that person again.</summary>
    public async Task<SessionPerson> EnrolAsync(
        int programId, ParticipantRole role, string name, string timeZoneId = "Europe/London", IReadOnlyList<AvailabilitySlot>? availability = null, AppUser? existing = null)
    {
        var roleName = role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee;
        var user = existing ?? await CreateUserAsync(roleName, name: name);
        var enrolment = new Enrolment
        {
            ProgramId = programId,
            UserId = user.Id,
            Role = role,
            Status = EnrolmentStatus.Approved,
            Department = role == ParticipantRole.Mentor ? "Marketing" : "Finance",
            JobLevel = role == ParticipantRole.Mentor ? "Graduate" : "Director",
            Location = "London",
            TimeZoneId = timeZoneId,
            Formats = SessionFormats.InPerson | SessionFormats.Virtual,
            Interests = "Photography.",
            Goals = "Learn from each other.",
            ConsentedAtUtc = Now.UtcDateTime,
            CreatedAtUtc = Now.UtcDateTime,
            Availability = (availability ?? OfficeHours()).Select(s => new AvailabilitySlot { Day = s.Day, Starts = s.Starts, Ends = s.Ends }).ToList(),
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Enrolments.Add(enrolment);
            await db.SaveChangesAsync();
        });
        return new SessionPerson(user, PrincipalFor(user, roleName), enrolment);
    }

    public async Task<Pair> AddPairAsync(int programId, SessionPerson mentor, SessionPerson mentee, PairStatus status = PairStatus.Accepted)
    {
        var accepted = status == PairStatus.Accepted;
        var pair = new Pair
        {
            ProgramId = programId,
            MentorEnrolmentId = mentor.Enrolment.Id,
            MenteeEnrolmentId = mentee.Enrolment.Id,
            Score = 870,
            ScorePercent = 87,
            Reasons = "teaches AI tools 4/5, wanted at 1/5",
            Status = status,
            MentorResponse = accepted ? PairResponse.Accepted : PairResponse.Pending,
            MenteeResponse = accepted ? PairResponse.Accepted : PairResponse.Pending,
            ProposedAtUtc = Now.UtcDateTime.AddDays(-20),
            AcceptedAtUtc = accepted ? Now.UtcDateTime.AddDays(-14) : null,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Pairs.Add(pair);
            await db.SaveChangesAsync();
        });
        return pair;
    }

    /// <summary>A program with a mentor and a mentee in a confirmed pair, both free Monday and Wednesday mornings.</summary>
    public async Task<ActivePair> ActivePairAsync(
        string mentorZone = "Europe/London", string menteeZone = "Europe/London", Action<MentoringProgram>? change = null,
        IReadOnlyList<AvailabilitySlot>? mentorAvailability = null, IReadOnlyList<AvailabilitySlot>? menteeAvailability = null)
    {
        var program = await AddProgramAsync(change);
        var mentor = await EnrolAsync(program.Id, ParticipantRole.Mentor, "Maya Mentor", mentorZone, mentorAvailability);
        var mentee = await EnrolAsync(program.Id, ParticipantRole.Mentee, "Simon Senior", menteeZone, menteeAvailability);
        var pair = await AddPairAsync(program.Id, mentor, mentee);
        return new ActivePair(program, pair, mentor, mentee);
    }

    /// <summary>A session written straight to the database, e.g. one in the past or held.</summary>
    public async Task<Session> AddSessionAsync(ActivePair pair, DateTime startsAtUtc, int minutes = 60, SessionStatus status = SessionStatus.Scheduled)
    {
        var session = new Session
        {
            ProgramId = pair.Program.Id,
            PairId = pair.Pair.Id,
            StartsAtUtc = startsAtUtc,
            DurationMinutes = minutes,
            EndsAtUtc = startsAtUtc.AddMinutes(minutes),
            Format = SessionFormats.InPerson,
            Location = "Room 4.12",
            Status = status,
            ScheduledByUserId = pair.Mentor.User.Id,
            CreatedAtUtc = Now.UtcDateTime,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        return session;
    }

    public Task<Session?> SessionAsync(int id) =>
        ExecuteDbContextAsync(db => db.Sessions.AsNoTracking().Include(s => s.Topics).SingleOrDefaultAsync(s => s.Id == id));

    public Task<int> SessionCountAsync(int pairId) =>
        ExecuteDbContextAsync(db => db.Sessions.CountAsync(s => s.PairId == pairId));

    /// <summary>A valid plan for the pair: virtual, 60 minutes, the first topic, on the given local date and time.</summary>
    public static ScheduleSession.Command Plan(ActivePair pair, DateOnly date, TimeOnly time, int minutes = 60) => new()
    {
        PairId = pair.Pair.Id,
        Date = date,
        Time = time,
        DurationMinutes = minutes,
        Format = SessionFormats.Virtual,
        Location = "https://meet.example.com/maya-simon",
        TopicIds = [pair.Program.Topics[0].Id],
    };

}

public sealed record SessionPerson(AppUser User, ClaimsPrincipal As, Enrolment Enrolment);

public sealed record ActivePair(MentoringProgram Program, Pair Pair, SessionPerson Mentor, SessionPerson Mentee);
