using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests;

/// <summary>
/// The test kit: the data a test needs, written straight to the database of any <see cref="AppFactory"/> with complete,
/// valid defaults, so a test names only what it is about. "Now" is the app's own clock.
/// <code>
/// app.ProgramAsync(status, archived, cadenceDays, formats, topics, name, ...)  a program; its dates fit its status (default Running)
/// app.PersonAsync(role, name, email, alsoRole)                                a person holding a role, as a Person (User, As)
/// app.ProfileZoneAsync(person, zone)                                         the person's profile time zone (times are shown to them in it)
/// app.EnrolAsync(program, person, role, status, profile...)                  their enrolment (default approved, complete profile), saved as them
/// app.PairAsync(program, status, mentor, mentee, ...)                        a pair (TestPair), accepted unless told; new "Maya Mentor" and "Simon Senior"
///                                                                            unless given; without a program, a new matching (proposed) or running one
/// app.SessionAsync(pair, status, startsAtUtc, ...)                           a session of the pair, the program's first topic on its agenda
/// app.FeedbackAsync(pair, session, side, rating, comment, atUtc)             one side's rating of a session
/// app.QuestionAsync(program, text, kind, sortOrder, retired)                 a check-in question
/// app.CheckInAsync(pair, side, kind, day, sentAtUtc, answeredAtUtc, met)     a check-in sent to one side of the pair
/// app.SkillRatingAsync(pair, side, skillId, stage, level, ratedAtUtc)        one side's self-rating of a skill
/// app.SkillIdAsync(name)                                                     the id of the catalogue skill of that name, added if missing
/// app.InvitationAsync(programId, role, email, invitedAtUtc, ...)             an invitation
/// app.ResourceAsync(program, title, audience, url)                           a library link, or a small stored text file without a url
/// app.CreateProgramAsync(coordinator, change) / TestData.ProgramForm(name)   a draft program through the coordinator's form
/// app.SubmitEnrolmentAsync(program, person, role) / app.EnrolmentFormAsync   an enrolment through the participant's form (pending)
/// app.Saved{Program,Enrolment,Pair,Session}Async, app.ProgramVersionAsync,   what is saved now, read back
///   app.EnrolmentCountAsync, app.SessionCountAsync, app.RolesOfAsync,
///   app.LatestPairingRunAsync, app.PairsOfAsync, app.PairingRulesAsync
/// app.PlacesHoldingAsync(text) / TestData.PlacesHoldingAsync(connection, text)  every table.column of the database holding a text
/// TestData.RefusalAsync(send, field), TestData.Unique(prefix), TestData.Today  a refused request's message; unique names; today (UTC)
/// AppFactory itself: CreateUserAsync, PrincipalFor, SignedInClientAsync(role or user), MailTo(email), SendAsync, ExecuteDbContextAsync
/// </code>
/// </summary>
public static class TestData
{
    public const string MentorName = "Maya Mentor";
    public const string MenteeName = "Simon Senior";

    /// <summary>The topics of a program unless a test names its own.</summary>
    public static IReadOnlyList<string> DefaultTopics { get; } = ["AI assistants at work", "Social media basics", "Data privacy"];

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Monday and Wednesday 09:00-12:00, in the person's own time zone.</summary>
    public static IReadOnlyList<AvailabilitySlot> OfficeHours() =>
    [
        new() { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) },
        new() { Day = DayOfWeek.Wednesday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) },
    ];

    public static string RoleName(ParticipantRole role) => role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee;

    private static DateTime NowUtc(this AppFactory app) => app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static Task SaveAsync(this AppFactory app, ClaimsPrincipal? by, Action<AppDbContext> add) =>
        app.RunAsAsync(by, async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            add(db);
            await db.SaveChangesAsync();
        });

    // ---- Programs -----------------------------------------------------------------------------------------------

    /// <summary>
    /// A program in <paramref name="status"/>, its dates fitting it: draft or enrolling starts in 30 days with enrolment
    /// open from a week ago to two weeks ahead; matching starts in 10 days; running started 60 days ago; closed ended
    /// 60 days ago. Each runs 180 days and meets in person or virtually every 14 days about <see cref="DefaultTopics"/>.
    /// </summary>
    public static async Task<MentoringProgram> ProgramAsync(
        this AppFactory app, ProgramStatus status = ProgramStatus.Running, bool archived = false, int cadenceDays = 14,
        SessionFormats formats = SessionFormats.InPerson | SessionFormats.Virtual, IReadOnlyList<string>? topics = null, string? name = null,
        DateOnly? startsOn = null, DateOnly? endsOn = null, Action<MentoringProgram>? change = null)
    {
        var now = app.NowUtc();
        var today = DateOnly.FromDateTime(now);
        var starts = startsOn ?? today.AddDays(status switch
        {
            ProgramStatus.Draft or ProgramStatus.Enrolling => 30,
            ProgramStatus.Matching => 10,
            ProgramStatus.Running => -60,
            _ => -240,
        });
        var enrolling = status is ProgramStatus.Draft or ProgramStatus.Enrolling;
        var program = new MentoringProgram
        {
            Name = name ?? Unique("Program"),
            Objectives = "Senior leaders learn AI tools from junior colleagues.",
            StartsOn = starts,
            EndsOn = endsOn ?? starts.AddDays(180),
            EnrolmentOpensOn = enrolling ? today.AddDays(-7) : starts.AddDays(-40),
            EnrolmentClosesOn = enrolling ? today.AddDays(14) : starts.AddDays(-10),
            SessionCadenceDays = cadenceDays,
            Formats = formats,
            Status = status,
            CreatedAtUtc = now,
            ArchivedAtUtc = archived ? now : null,
            Topics = (topics ?? DefaultTopics).Select((title, i) => new ProgramTopic
            {
                Title = title,
                SuggestedActivities = $"Try it together: {title}.",
                SortOrder = i + 1,
            }).ToList(),
        };
        change?.Invoke(program);
        await app.SaveAsync(null, db => db.Programs.Add(program));
        return program;
    }

    /// <summary>A complete, valid create-program form: 45-minute sessions every 14 days, one topic.</summary>
    public static CreateProgram.Command ProgramForm(string? name = null) => new()
    {
        Name = name ?? Unique("Program"),
        Objectives = "Digital literacy for the leadership team.",
        StartsOn = Today.AddDays(30),
        EndsOn = Today.AddDays(210),
        EnrolmentOpensOn = Today,
        EnrolmentClosesOn = Today.AddDays(20),
        SessionCadenceDays = 14,
        SessionMinutes = 45,
        ExpectedSessions = 8,
        Formats = [SessionFormats.InPerson, SessionFormats.Virtual],
        MentorCapacity = 1,
        Topics = [new TopicRow { Title = "AI at work", SuggestedActivities = "Try an assistant on a real task together." }],
    };

    /// <summary>
    /// The create-program form as a browser posts it (without its anti-forgery token): starts in 10 days, runs 90, one
    /// mentee per mentor, virtual sessions, with <paramref name="topics"/> in order.
    /// </summary>
    public static Dictionary<string, string> ProgramFormFields(string name, string objectives, IReadOnlyList<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var fields = new Dictionary<string, string>
        {
            ["Data.Name"] = name,
            ["Data.Objectives"] = objectives,
            ["Data.StartsOn"] = Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Data.EndsOn"] = Today.AddDays(100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Data.SessionCadenceDays"] = "21",
            ["Data.SessionMinutes"] = "60",
            ["Data.ExpectedSessions"] = "5",
            ["Data.Formats"] = "Virtual",
            ["Data.MentorCapacity"] = "1",
            ["Data.SkillWeight"] = "5",
            ["Data.AvailabilityWeight"] = "3",
            ["Data.TimeZoneWeight"] = "2",
            ["Data.FormatWeight"] = "2",
            ["Data.InterestWeight"] = "1",
            ["Data.MinimumScorePercent"] = "0",
            ["Data.Objective"] = "BestTotalScore",
            ["Data.PreferCrossDepartment"] = "false",
        };
        for (var n = 0; n < topics.Count; n++)
        {
            fields[$"Data.Topics[{n}].Title"] = topics[n];
            fields[$"Data.Topics[{n}].SuggestedActivities"] = $"Try it together: {topics[n]}.";
        }

        return fields;
    }

    /// <summary>A draft program made through the coordinator's form (<see cref="ProgramForm"/>, changed first); its id.</summary>
    public static async Task<int> CreateProgramAsync(this AppFactory app, ClaimsPrincipal coordinator, Action<CreateProgram.Command>? change = null)
    {
        var command = ProgramForm();
        change?.Invoke(command);
        return await app.SendAsync(command, coordinator);
    }

    // ---- People and enrolments ----------------------------------------------------------------------------------

    /// <summary>A person holding <paramref name="role"/> (and <paramref name="alsoRole"/>), who signs in with <see cref="AppFactory.Password"/>.</summary>
    public static async Task<Person> PersonAsync(this AppFactory app, string role, string? name = null, string? email = null, string? alsoRole = null)
    {
        var user = await app.CreateUserAsync(role, email, name);
        if (alsoRole is null)
        {
            return new Person(user, AppFactory.PrincipalFor(user, role));
        }

        await app.RunAsAsync(null, async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            StartupData.Check(await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, alsoRole), "give a test user a second role");
        });
        return new Person(user, AppFactory.PrincipalFor(user, role, alsoRole));
    }

    /// <summary>The person's profile time zone, the one every time is shown to them in; the same person back.</summary>
    public static async Task<Person> ProfileZoneAsync(this AppFactory app, Person person, string timeZoneId)
    {
        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == person.User.Id)).TimeZoneId = timeZoneId;
            return await db.SaveChangesAsync();
        });
        person.User.TimeZoneId = timeZoneId;
        return person;
    }

    /// <summary>A person holding the mentor or mentee role.</summary>
    public static Task<Person> PersonAsync(this AppFactory app, ParticipantRole role, string? name = null, string? email = null) =>
        app.PersonAsync(RoleName(role), name, email);

    /// <summary>
    /// The person's enrolment, saved as them. By default approved, with a complete profile: Marketing, Graduate (mentor) or
    /// Director (mentee), London and its time zone, in person or virtual, <see cref="OfficeHours"/>, teaching AI tools (4)
    /// and Social media (3) or wanting them (1 and 2), interests, goals and consent; enrolled (consenting) and decided now
    /// unless <paramref name="enrolledAtUtc"/> and <paramref name="decidedAtUtc"/> say when.
    /// </summary>
    public static async Task<Enrolment> EnrolAsync(
        this AppFactory app, MentoringProgram program, Person person, ParticipantRole role, EnrolmentStatus status = EnrolmentStatus.Approved,
        string timeZoneId = "Europe/London", string department = "Marketing", string? jobLevel = null,
        SessionFormats formats = SessionFormats.InPerson | SessionFormats.Virtual, IReadOnlyList<(int SkillId, int Level)>? skills = null,
        IReadOnlyList<AvailabilitySlot>? availability = null, string interests = "Photography.", string? managerEmail = null,
        DateTime? enrolledAtUtc = null, DateTime? decidedAtUtc = null, string? decisionReason = null, Action<Enrolment>? change = null)
    {
        var now = app.NowUtc();
        skills ??= role == ParticipantRole.Mentor
            ? [(await app.SkillIdAsync("AI tools"), 4), (await app.SkillIdAsync("Social media"), 3)]
            : [(await app.SkillIdAsync("AI tools"), 1), (await app.SkillIdAsync("Social media"), 2)];
        var enrolment = new Enrolment
        {
            ProgramId = program.Id,
            UserId = person.User.Id,
            Role = role,
            Status = status,
            Department = department,
            JobLevel = jobLevel ?? (role == ParticipantRole.Mentor ? "Graduate" : "Director"),
            ManagerEmail = managerEmail,
            Location = "London",
            TimeZoneId = timeZoneId,
            Formats = formats,
            Interests = interests,
            Goals = "Learn from each other.",
            ConsentedAtUtc = enrolledAtUtc ?? now,
            DecidedAtUtc = decidedAtUtc ?? (status is EnrolmentStatus.Approved or EnrolmentStatus.Rejected ? now : null),
            DecisionReason = decisionReason,
            CreatedAtUtc = enrolledAtUtc ?? now,
            Skills = skills.Select(s => new EnrolmentSkill
            {
                SkillId = s.SkillId,
                Level = s.Level,
                Direction = role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn,
            }).ToList(),
            Availability = (availability ?? OfficeHours()).Select(s => new AvailabilitySlot { Day = s.Day, Starts = s.Starts, Ends = s.Ends }).ToList(),
        };
        change?.Invoke(enrolment);
        await app.SaveAsync(person.As, db => db.Enrolments.Add(enrolment));
        return enrolment;
    }

    /// <summary>A complete, valid enrolment form: Marketing, two skills (AI tools 4, Social media 3), two slots, virtual, consent.</summary>
    public static async Task<EnrolInProgram.Command> EnrolmentFormAsync(this AppFactory app, int programId, ParticipantRole role = ParticipantRole.Mentor) => new()
    {
        ProgramId = programId,
        Role = role,
        Department = "Marketing",
        JobLevel = "Graduate",
        ManagerEmail = $"boss-{Guid.NewGuid():N}@example.com",
        Location = "London",
        TimeZoneId = "Europe/London",
        Formats = [SessionFormats.Virtual],
        Availability =
        [
            new EnrolInProgram.Slot { Day = DayOfWeek.Monday, From = new TimeOnly(9, 0), To = new TimeOnly(10, 0) },
            new EnrolInProgram.Slot(),
            new EnrolInProgram.Slot { Day = DayOfWeek.Wednesday, From = new TimeOnly(14, 0), To = new TimeOnly(15, 30) },
        ],
        Skills =
        [
            new EnrolInProgram.SkillLevel { SkillId = await app.SkillIdAsync("AI tools"), Level = 4 },
            new EnrolInProgram.SkillLevel { SkillId = await app.SkillIdAsync("Social media"), Level = 3 },
            new EnrolInProgram.SkillLevel(),
        ],
        Interests = "Photography and gaming.",
        Goals = "Help a senior leader feel at home with AI tools.",
        Consent = true,
    };

    /// <summary>The person sends <see cref="EnrolmentFormAsync"/> themselves; the saved (pending) enrolment.</summary>
    public static async Task<Enrolment> SubmitEnrolmentAsync(this AppFactory app, MentoringProgram program, Person person, ParticipantRole role = ParticipantRole.Mentor)
    {
        await app.SendAsync(await app.EnrolmentFormAsync(program.Id, role), person.As);
        return (await app.SavedEnrolmentAsync(program.Id, person.User.Id))!;
    }

    // ---- Pairs and what happens in them -------------------------------------------------------------------------

    /// <summary>
    /// A pair in <paramref name="program"/> (when null a new one, matching for a proposed or declined pair, else running) of <paramref name="mentor"/> and
    /// <paramref name="mentee"/>: their enrolment there is used, or made with <see cref="EnrolAsync"/> in the given zone;
    /// without them, new people named <paramref name="mentorName"/> and <paramref name="menteeName"/>. Accepted 14 days
    /// ago by both unless <paramref name="status"/> says otherwise (proposed now; declined a day after the proposal by
    /// <paramref name="declinedBy"/>, the mentee unless told; ended now). Its own moves (Accept, Decline, End) change it further.
    /// </summary>
    public static async Task<TestPair> PairAsync(
        this AppFactory app, MentoringProgram? program = null, PairStatus status = PairStatus.Accepted, Person? mentor = null, Person? mentee = null,
        string mentorName = MentorName, string menteeName = MenteeName, string mentorZone = "Europe/London", string menteeZone = "Europe/London",
        DateTime? proposedAtUtc = null, DateTime? acceptedAtUtc = null, ParticipantRole declinedBy = ParticipantRole.Mentee, string? declineReason = null,
        Action<Pair>? change = null)
    {
        program ??= await app.ProgramAsync(status is PairStatus.Proposed or PairStatus.Declined ? ProgramStatus.Matching : ProgramStatus.Running);
        // People made here live where their enrolment says: their profile (the zone they see times in) matches it.
        mentor ??= await app.ProfileZoneAsync(await app.PersonAsync(Roles.Mentor, mentorName), mentorZone);
        mentee ??= await app.ProfileZoneAsync(await app.PersonAsync(Roles.Mentee, menteeName), menteeZone);
        var mentorEnrolment = await app.EnrolmentIdAsync(program, mentor, ParticipantRole.Mentor, mentorZone);
        var menteeEnrolment = await app.EnrolmentIdAsync(program, mentee, ParticipantRole.Mentee, menteeZone);

        var now = app.NowUtc();
        var confirmed = status is PairStatus.Accepted or PairStatus.Ended;
        var accepted = confirmed ? acceptedAtUtc ?? now.AddDays(-14) : (DateTime?)null;
        var proposed = proposedAtUtc ?? (accepted?.AddDays(-3) ?? (status == PairStatus.Declined ? now.AddDays(-3) : now));
        var declined = status == PairStatus.Declined ? proposed.AddDays(1) : (DateTime?)null;
        PairResponse ResponseOf(ParticipantRole side) =>
            confirmed ? PairResponse.Accepted : declined is not null && side == declinedBy ? PairResponse.Declined : PairResponse.Pending;
        var pair = new Pair
        {
            ProgramId = program.Id,
            MentorEnrolmentId = mentorEnrolment,
            MenteeEnrolmentId = menteeEnrolment,
            Score = 870,
            ScorePercent = 87,
            Reasons = "teaches AI tools 4/5, wanted at 1/5",
            Status = status,
            MentorResponse = ResponseOf(ParticipantRole.Mentor),
            MenteeResponse = ResponseOf(ParticipantRole.Mentee),
            MentorRespondedAtUtc = accepted ?? (declinedBy == ParticipantRole.Mentor ? declined : null),
            MenteeRespondedAtUtc = accepted ?? (declinedBy == ParticipantRole.Mentee ? declined : null),
            DeclineReason = declined is null ? null : declineReason,
            ProposedAtUtc = proposed,
            AcceptedAtUtc = accepted,
            EndedAtUtc = status == PairStatus.Ended ? now : null,
            Ending = status == PairStatus.Ended ? PairEnding.Completed : null,
        };
        change?.Invoke(pair);
        await app.SaveAsync(null, db => db.Pairs.Add(pair));
        return new TestPair(pair.Id, program, mentor, mentee, mentorEnrolment, menteeEnrolment, pair.Version);
    }

    private static async Task<int> EnrolmentIdAsync(this AppFactory app, MentoringProgram program, Person person, ParticipantRole role, string timeZoneId)
    {
        var existing = await app.ExecuteDbContextAsync(db => db.Enrolments
            .Where(e => e.ProgramId == program.Id && e.UserId == person.User.Id && e.Role == role).Select(e => (int?)e.Id).FirstOrDefaultAsync());
        return existing ?? (await app.EnrolAsync(program, person, role, timeZoneId: timeZoneId)).Id;
    }

    /// <summary>
    /// A session of the pair at <paramref name="startsAtUtc"/>, virtual, with the program's first topic on its agenda,
    /// saved as the one who scheduled it (the mentor). Held: logged at its end; cancelled: the day before; missed: two days on.
    /// </summary>
    public static async Task<Session> SessionAsync(
        this AppFactory app, TestPair pair, SessionStatus status, DateTime startsAtUtc, int minutes = 60,
        SessionFormats format = SessionFormats.Virtual, string location = "https://meet.example.com/pair", IReadOnlyList<int>? agenda = null,
        Person? scheduledBy = null, Action<Session>? change = null)
    {
        var now = app.NowUtc();
        var by = scheduledBy ?? pair.Mentor;
        var ends = startsAtUtc.AddMinutes(minutes);
        agenda ??= pair.Program.Topics.OrderBy(t => t.SortOrder).Take(1).Select(t => t.Id).ToList();
        var session = new Session
        {
            ProgramId = pair.ProgramId,
            PairId = pair.Id,
            StartsAtUtc = startsAtUtc,
            DurationMinutes = minutes,
            EndsAtUtc = ends,
            Format = format,
            Location = location,
            Status = status,
            ScheduledByUserId = by.User.Id,
            CreatedAtUtc = (startsAtUtc < now ? startsAtUtc : now).AddDays(-7),
            Topics = agenda.Select(id => new SessionTopic { ProgramTopicId = id, Kind = SessionTopicKind.Agenda }).ToList(),
            HeldMinutes = status == SessionStatus.Held ? minutes : null,
            LoggedAtUtc = status == SessionStatus.Held ? ends : null,
            LoggedByUserId = status == SessionStatus.Held ? by.User.Id : null,
            CancelReason = status == SessionStatus.Cancelled ? "Something came up." : null,
            CancelledAtUtc = status == SessionStatus.Cancelled ? startsAtUtc.AddDays(-1) : null,
            CancelledByUserId = status == SessionStatus.Cancelled ? by.User.Id : null,
            MissedAtUtc = status == SessionStatus.Missed ? ends.AddHours(48) : null,
        };

        // The session's own moves (Log, Cancel, MarkMissed, Reschedule) change it further, at the time they are given.
        change?.Invoke(session);
        await app.SaveAsync(by.As, db => db.Sessions.Add(session));
        return session;
    }

    /// <summary>One side's rating of a session, given now unless <paramref name="atUtc"/> says when.</summary>
    public static async Task<Feedback> FeedbackAsync(
        this AppFactory app, TestPair pair, Session session, ParticipantRole side, int rating, string comment = "", DateTime? atUtc = null)
    {
        var feedback = new Feedback
        {
            ProgramId = pair.ProgramId,
            PairId = pair.Id,
            SessionId = session.Id,
            ByUserId = pair.Side(side).User.Id,
            Role = side,
            Rating = rating,
            Comment = comment,
            CreatedAtUtc = atUtc ?? app.NowUtc(),
        };
        await app.SaveAsync(null, db => db.SessionFeedback.Add(feedback));
        return feedback;
    }

    public static async Task<CheckInQuestion> QuestionAsync(
        this AppFactory app, MentoringProgram program, string text, CheckInQuestionKind kind = CheckInQuestionKind.Rating, int sortOrder = 1, bool retired = false)
    {
        var question = new CheckInQuestion { ProgramId = program.Id, Text = text, Kind = kind, SortOrder = sortOrder, RetiredAtUtc = retired ? app.NowUtc() : null };
        await app.SaveAsync(null, db => db.CheckInQuestions.Add(question));
        return question;
    }

    /// <summary>A check-in sent to one side of the pair, as the job sends it: a milestone on day 30, or "have you met?" on day 14.</summary>
    public static async Task<CheckIn> CheckInAsync(
        this AppFactory app, TestPair pair, ParticipantRole side, CheckInKind kind = CheckInKind.Milestone, int? day = null,
        DateTime? sentAtUtc = null, DateTime? answeredAtUtc = null, bool? met = null, Action<CheckIn>? change = null)
    {
        var checkIn = new CheckIn
        {
            ProgramId = pair.ProgramId,
            PairId = pair.Id,
            EnrolmentId = pair.EnrolmentOf(side),
            UserId = pair.Side(side).User.Id,
            Role = side,
            Kind = kind,
            DayNumber = day ?? (kind == CheckInKind.HaveYouMet ? 14 : 30),
            SentAtUtc = sentAtUtc ?? app.NowUtc(),
            AnsweredAtUtc = answeredAtUtc,
            Met = met,
        };
        change?.Invoke(checkIn);
        await app.SaveAsync(null, db => db.CheckIns.Add(checkIn));
        return checkIn;
    }

    public static async Task<SkillRating> SkillRatingAsync(
        this AppFactory app, TestPair pair, ParticipantRole side, int skillId, SkillRatingStage stage, int level, DateTime? ratedAtUtc = null)
    {
        var rating = new SkillRating
        {
            ProgramId = pair.ProgramId,
            PairId = pair.Id,
            EnrolmentId = pair.EnrolmentOf(side),
            Role = side,
            SkillId = skillId,
            Stage = stage,
            Level = level,
            RatedAtUtc = ratedAtUtc ?? app.NowUtc(),
        };
        await app.SaveAsync(null, db => db.SkillRatings.Add(rating));
        return rating;
    }

    // ---- Catalogue, invitations, library ------------------------------------------------------------------------

    /// <summary>The id of the catalogue skill named <paramref name="name"/>, added when the catalogue lacks it.</summary>
    public static async Task<int> SkillIdAsync(this AppFactory app, string name)
    {
        var existing = await app.ExecuteDbContextAsync(db => db.Skills.Where(s => s.Name == name).Select(s => (int?)s.Id).FirstOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }

        var skill = new Skill { Name = name, Description = $"About {name}." };
        await app.SaveAsync(null, db => db.Skills.Add(skill));
        return skill.Id;
    }

    /// <summary>An invitation to <paramref name="email"/> (a new address when null), sent now and valid 30 days.</summary>
    public static async Task<Invitation> InvitationAsync(
        this AppFactory app, int? programId = null, string role = Roles.Mentor, string? email = null, DateTime? invitedAtUtc = null,
        DateTime? expiresAtUtc = null, DateTime? acceptedAtUtc = null)
    {
        var invited = invitedAtUtc ?? app.NowUtc();
        var invitation = new Invitation
        {
            Email = email ?? $"invitee-{Guid.NewGuid():N}@example.com",
            Role = role,
            ProgramId = programId,
            InvitedAtUtc = invited,
            ExpiresAtUtc = expiresAtUtc ?? invited.AddDays(30),
            AcceptedAtUtc = acceptedAtUtc,
        };
        await app.SaveAsync(null, db => db.Invitations.Add(invitation));
        return invitation;
    }

    /// <summary>A resource of the program's library: a link to <paramref name="url"/>, or without one a short text file in the app's upload folder.</summary>
    public static async Task<Resource> ResourceAsync(
        this AppFactory app, MentoringProgram program, string title, ResourceAudience audience = ResourceAudience.Both, string? url = null)
    {
        var resource = new Resource { ProgramId = program.Id, Title = title, Description = "A short guide.", Url = url, Audience = audience, AddedAtUtc = app.NowUtc() };
        if (url is null)
        {
            var folder = app.Services.GetRequiredService<ResourceFiles>().Folder;
            Directory.CreateDirectory(folder);
            var stored = $"{Guid.NewGuid():N}.txt";
            var text = $"{title}: how to get the most out of your sessions.";
            await File.WriteAllTextAsync(Path.Combine(folder, stored), text);
            (resource.FileName, resource.StoredFileName, resource.ContentType, resource.SizeBytes) = ($"{title}.txt", stored, "text/plain; charset=utf-8", text.Length);
        }

        await app.SaveAsync(null, db => db.Resources.Add(resource));
        return resource;
    }

    // ---- Reading back -------------------------------------------------------------------------------------------

    public static Task<MentoringProgram> SavedProgramAsync(this AppFactory app, int id) =>
        app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().Include(p => p.Topics).SingleAsync(p => p.Id == id));

    public static Task<Guid> ProgramVersionAsync(this AppFactory app, int id) =>
        app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());

    /// <summary>The person's enrolment in the program with its skills, availability and history, or null.</summary>
    public static Task<Enrolment?> SavedEnrolmentAsync(this AppFactory app, int programId, string userId) =>
        app.ExecuteDbContextAsync(db => db.Enrolments.AsNoTracking()
            .Include(e => e.Skills).Include(e => e.Availability).Include(e => e.History)
            .SingleOrDefaultAsync(e => e.ProgramId == programId && e.UserId == userId));

    public static Task<int> EnrolmentCountAsync(this AppFactory app, int programId) =>
        app.ExecuteDbContextAsync(db => db.Enrolments.CountAsync(e => e.ProgramId == programId));

    public static Task<Pair> SavedPairAsync(this AppFactory app, int id) =>
        app.ExecuteDbContextAsync(db => db.Pairs.AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>The session with its topics.</summary>
    public static Task<Session> SavedSessionAsync(this AppFactory app, int id) =>
        app.ExecuteDbContextAsync(db => db.Sessions.AsNoTracking().Include(s => s.Topics).SingleAsync(s => s.Id == id));

    public static Task<int> SessionCountAsync(this AppFactory app, int pairId) =>
        app.ExecuteDbContextAsync(db => db.Sessions.CountAsync(s => s.PairId == pairId));

    public static Task<List<string>> RolesOfAsync(this AppFactory app, string userId) =>
        app.ExecuteDbContextAsync(db => (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            where userRole.UserId == userId
            select role.Name!).ToListAsync());

    /// <summary>The program's latest pairing run and the proposal stored in it.</summary>
    public static async Task<(PairingRun Run, StoredRun Stored)> LatestPairingRunAsync(this AppFactory app, int programId)
    {
        var run = await app.ExecuteDbContextAsync(db => db.PairingRuns.AsNoTracking().Where(r => r.ProgramId == programId).OrderByDescending(r => r.Id).FirstAsync());
        return (run, StoredRun.FromJson(run.Result));
    }

    public static Task<List<Pair>> PairsOfAsync(this AppFactory app, int programId) =>
        app.ExecuteDbContextAsync(db => db.Pairs.AsNoTracking().Where(p => p.ProgramId == programId).ToListAsync());

    public static Task<List<PairingRule>> PairingRulesAsync(this AppFactory app, int programId) =>
        app.ExecuteDbContextAsync(db => db.PairingRules.AsNoTracking().Where(r => r.ProgramId == programId).ToListAsync());

    /// <summary>Every text value in the app's database file that contains <paramref name="text"/> (in any case), as "table.column".</summary>
    public static Task<List<string>> PlacesHoldingAsync(this AppFactory app, string text) =>
        PlacesHoldingAsync($"Data Source={app.DatabasePath};Pooling=False", text);

    /// <summary>Every text value in every table of that SQLite database that contains <paramref name="text"/> (in any case), as "table.column".</summary>
    public static async Task<List<string>> PlacesHoldingAsync(string connectionString, string text)
    {
        var found = new List<string>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is string value && value.Contains(text, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The message a refused request gave for one field ("" for the form as a whole).</summary>
    public static async Task<string?> RefusalAsync(Func<Task> send, string field)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(send);
        return refused.Failures.FirstOrDefault(f => f.PropertyName == field)?.ErrorMessage;
    }
}

/// <summary>A person of the test, and the same person as a request sees them.</summary>
public sealed record Person(AppUser User, ClaimsPrincipal As)
{
    public string Id => User.Id;

    public string Email => User.Email!;
}

/// <summary>A pair made by <see cref="TestData.PairAsync"/>: its program, both people with their enrolments there, and its version then.</summary>
public sealed record TestPair(int Id, MentoringProgram Program, Person Mentor, Person Mentee, int MentorEnrolmentId, int MenteeEnrolmentId, Guid Version)
{
    public int ProgramId => Program.Id;

    public Person Side(ParticipantRole role) => role == ParticipantRole.Mentor ? Mentor : Mentee;

    public int EnrolmentOf(ParticipantRole role) => role == ParticipantRole.Mentor ? MentorEnrolmentId : MenteeEnrolmentId;
}
