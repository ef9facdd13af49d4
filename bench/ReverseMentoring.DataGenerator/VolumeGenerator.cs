using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

/// <summary>
/// Five programs over two years with their people, pairs, sessions, feedback, skill ratings and check-ins. Ids are
/// assigned here (after whatever the file already holds, e.g. the demo data) so children can be written straight after
/// their parents without reading anything back.
/// </summary>
internal sealed class VolumeGenerator(SqliteConnection connection, Scale scale, Random random, DateTime today)
{
    public const string Password = "Mentoring-Demo-2026";

    private static readonly (string Name, int Weight)[] Departments =
    [
        ("Technology", 14), ("Sales", 12), ("Operations", 10), ("Customer Service", 9), ("Finance", 7), ("Marketing", 6),
        ("Retail", 6), ("Logistics", 5), ("Manufacturing", 5), ("People", 4), ("Legal", 3), ("Risk", 3), ("Procurement", 3),
        ("Research", 3), ("Product", 3), ("Data", 2), ("Strategy", 2), ("Communications", 1), ("Facilities", 1), ("Audit", 1),
    ];

    // Juniors teach (mentors), seniors learn (mentees); the first three levels are junior.
    private static readonly (string Name, int Weight)[] JobLevels =
        [("Graduate", 18), ("Analyst", 20), ("Associate", 12), ("Director", 26), ("Vice President", 16), ("Head of Department", 8)];

    private static readonly (string Zone, string Location, int Weight)[] Places =
    [
        ("Europe/London", "London", 30), ("Europe/London", "Manchester", 8), ("Europe/Berlin", "Berlin", 14), ("Europe/Paris", "Paris", 8),
        ("America/New_York", "New York", 18), ("America/Chicago", "Chicago", 6), ("Asia/Kolkata", "Bengaluru", 10), ("Asia/Singapore", "Singapore", 6),
    ];

    private static readonly string[] FirstNames =
    [
        "Amara", "Liam", "Sofia", "Noah", "Maya", "Ethan", "Zara", "Lucas", "Aisha", "Leo", "Chloe", "Ravi", "Emma", "Kenji", "Isla",
        "Omar", "Nina", "Tom", "Priya", "Jonas", "Margaret", "Richard", "Helen", "David", "Susan", "Peter", "Catherine", "Michael",
        "Elizabeth", "Robert", "Fatima", "Mateo", "Hannah", "Wei", "Olivia", "Arjun", "Grace", "Samuel", "Lena", "Diego",
    ];

    private static readonly string[] LastNames =
    [
        "Okafor", "Chen", "Rossi", "Patel", "Lindqvist", "Brooks", "Ahmed", "Moreau", "Bello", "Novak", "Martin", "Sharma", "Schulz",
        "Tanaka", "Murphy", "Haddad", "Kowalski", "Eriksen", "Nair", "Weber", "Hughes", "Lawson", "Carter", "Fischer", "Whitfield",
        "Van Dijk", "Moore", "O'Brien", "Grant", "Keller", "Silva", "Garcia", "Kim", "Nguyen", "Dubois", "Rahman", "Costa", "Jensen",
    ];

    private static readonly string[] Interests =
        ["photography, running", "gaming, music", "cooking, travel", "football, podcasts", "climbing, design", "reading, chess"];

    private static readonly string[] Comments =
    [
        "Very practical: we tried it on a real task.", "Good conversation, we ran out of time.", "Useful, I will try this with my team.",
        "Hard to find time this week but worth it.", "Eye-opening view of how new joiners see us.", "We should prepare an agenda next time.",
    ];

    private readonly List<Person> people = [];
    private readonly List<EnrolmentRow> enrolments = [];
    private readonly List<ProgramRow> programs = [];
    private int[] skillIds = [];

    public void Run()
    {
        var clock = Stopwatch.StartNew();
        var roleIds = EnsureRoles();
        skillIds = EnsureSkills();
        CreatePrograms();
        Console.WriteLine($"Roles, skills and {programs.Count} programs in {clock.Elapsed.TotalSeconds:F1} s");

        using var batch = new Batch(connection);
        clock.Restart();
        CreatePeople(batch, roleIds);
        Console.WriteLine($"{people.Count:N0} people with roles and invitations in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        CreateEnrolments(batch);
        Console.WriteLine($"{enrolments.Count:N0} enrolments with skills and availability in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        CreatePairsAndHistory(batch);
        Console.WriteLine($"Pairs, sessions, feedback, skill ratings and check-ins in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private Dictionary<string, string> EnsureRoles()
    {
        using var db = Context();
        foreach (var role in Roles.All)
        {
            if (!db.Roles.Any(r => r.Name == role))
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            }
        }

        db.SaveChanges();
        return db.Roles.AsNoTracking().ToDictionary(r => r.Name!, r => r.Id);
    }

    private int[] EnsureSkills()
    {
        using var db = Context();
        if (!db.Skills.Any())
        {
            db.Skills.AddRange(StartupData.StarterSkills.Select(s => new Skill { Name = s.Name, Description = s.Description }));
            db.SaveChanges();
        }

        return db.Skills.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToArray();
    }

    private void CreatePrograms()
    {
        using var db = Context();
        var plans = new (string Name, int StartsDaysAgo, int EndsDaysAgo, int Weight)[]
        {
            ("Company-wide Reverse Mentoring, first cohort", 730, 400, 15),
            ("Company-wide Reverse Mentoring, second cohort", 600, 250, 18),
            ("Digital Skills Exchange", 450, 100, 20),
            ("Company-wide Reverse Mentoring, third cohort", 300, -60, 22),
            ("Inclusion Reverse Mentoring", 150, -200, 25),
        };
        foreach (var plan in plans)
        {
            var starts = DateOnly.FromDateTime(today.AddDays(-plan.StartsDaysAgo));
            var ends = DateOnly.FromDateTime(today.AddDays(-plan.EndsDaysAgo));
            var program = new MentoringProgram
            {
                Name = plan.Name,
                Objectives = "Senior leaders learn digital skills and generational insight from junior colleagues across the company.",
                StartsOn = starts,
                EndsOn = ends,
                EnrolmentOpensOn = starts.AddDays(-45),
                EnrolmentClosesOn = starts.AddDays(-14),
                SessionCadenceDays = 14,
                SessionMinutes = 60,
                ExpectedSessions = 12,
                Formats = SessionFormats.InPerson | SessionFormats.Virtual,
                MentorCapacity = 1,
                Status = plan.EndsDaysAgo > 0 ? ProgramStatus.Closed : ProgramStatus.Running,
                CreatedAtUtc = today.AddDays(-plan.StartsDaysAgo - 60),
                Topics =
                [
                    new ProgramTopic { Title = "AI assistants in everyday work", SuggestedActivities = "Draft a real e-mail with an assistant together.", SortOrder = 1, SkillId = skillIds[0] },
                    new ProgramTopic { Title = "Reading social media", SuggestedActivities = "Follow the company's brand for a week.", SortOrder = 2, SkillId = skillIds[1] },
                    new ProgramTopic { Title = "How a younger workforce sees work", SuggestedActivities = "Talk through a recent decision.", SortOrder = 3 },
                ],
            };
            db.Programs.Add(program);
            db.SaveChanges();
            var questions = new[]
            {
                new CheckInQuestion { ProgramId = program.Id, Text = "How useful are your sessions so far?", Kind = CheckInQuestionKind.Rating, SortOrder = 1 },
                new CheckInQuestion { ProgramId = program.Id, Text = "Are you meeting as often as planned?", Kind = CheckInQuestionKind.YesNo, SortOrder = 2 },
                new CheckInQuestion { ProgramId = program.Id, Text = "What would make the program better?", Kind = CheckInQuestionKind.Text, SortOrder = 3 },
            };
            db.CheckInQuestions.AddRange(questions);
            db.SaveChanges();
            programs.Add(new ProgramRow(program.Id, starts.ToDateTime(TimeOnly.MinValue), ends.ToDateTime(TimeOnly.MinValue), plan.Weight,
                questions.Select(q => q.Id).ToArray()));
        }
    }

    private void CreatePeople(Batch batch, Dictionary<string, string> roleIds)
    {
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password);
        var users = batch.Into("AspNetUsers", "Id", "DisplayName", "TimeZoneId", "CreatedAtUtc", "UserName", "NormalizedUserName", "Email",
            "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled",
            "LockoutEnabled", "AccessFailedCount");
        var userRoles = batch.Into("AspNetUserRoles", "UserId", "RoleId");
        var invitations = batch.Into("Invitations", "Email", "Role", "TokenHash", "ProgramId", "InvitedAtUtc", "ExpiresAtUtc", "AcceptedAtUtc", "InvitedByUserId");

        void AddUser(string id, string email, string name, string zone, DateTime created, string role)
        {
            users.Row(id, name, zone, created, email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), true, hash,
                NewStamp(), NewGuid().ToString(), false, false, true, 0);
            userRoles.Row(id, roleIds[role]);
        }

        var hrId = NewGuid().ToString();
        AddUser(hrId, "hr@bench.local", "Bench Coordinator", "Europe/London", today.AddDays(-900), Roles.HrCoordinator);
        AddUser(NewGuid().ToString(), "leader@bench.local", "Bench Leader", "Europe/London", today.AddDays(-900), Roles.Leadership);

        for (var n = 1; n <= scale.People; n++)
        {
            var level = PickIndex(JobLevels.Select(l => l.Weight).ToArray());
            var place = Places[PickIndex(Places.Select(p => p.Weight).ToArray())];
            var person = new Person(
                NewGuid().ToString(),
                $"p{n:D6}@bench.local",
                Pick(Departments),
                JobLevels[level].Name,
                level < 3 ? ParticipantRole.Mentor : ParticipantRole.Mentee,
                place.Zone,
                place.Location,
                today.AddDays(-random.Next(60, 800)).AddMinutes(random.Next(0, 24 * 60)));
            people.Add(person);
            AddUser(person.Id, person.Email, $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
                person.Zone, person.CreatedAtUtc, person.Role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee);

            // Most people came in through an invitation; a few invitations are still open or expired.
            if (random.NextDouble() < 0.2)
            {
                invitations.Row(person.Email, person.Role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee, Token(), null,
                    person.CreatedAtUtc.AddDays(-3), person.CreatedAtUtc.AddDays(11), person.CreatedAtUtc, hrId);
            }
        }

        for (var n = 1; n <= scale.People / 50; n++)
        {
            var invited = today.AddDays(-random.Next(0, 60));
            invitations.Row($"invited{n:D5}@bench.local", random.Next(2) == 0 ? Roles.Mentor : Roles.Mentee, Token(), programs[^1].Id,
                invited, invited.AddDays(14), null, hrId);
        }
    }

    private void CreateEnrolments(Batch batch)
    {
        var rows = batch.Into("Enrolments", "Id", "ProgramId", "UserId", "Role", "Status", "Department", "JobLevel", "ManagerEmail", "Location",
            "TimeZoneId", "Formats", "Interests", "Goals", "ConsentedAtUtc", "DecidedAtUtc", "CreatedAtUtc", "Version");
        var skills = batch.Into("EnrolmentSkills", "EnrolmentId", "SkillId", "Direction", "Level");
        var slots = batch.Into("AvailabilitySlots", "EnrolmentId", "Day", "Starts", "Ends");
        var nextId = (int)Max("Enrolments") + 1;
        var weights = programs.Select(p => p.Weight).ToArray();

        void Enrol(int personIndex, int programIndex)
        {
            var person = people[personIndex];
            var program = programs[programIndex];
            var draw = random.NextDouble();
            var status = draw < 0.92 ? EnrolmentStatus.Approved : draw < 0.95 ? EnrolmentStatus.Rejected : draw < 0.97 ? EnrolmentStatus.Withdrawn
                : program.EndsOn > today ? EnrolmentStatus.Pending : EnrolmentStatus.Rejected;
            var created = program.StartsOn.AddDays(-random.Next(15, 45));
            var id = nextId++;
            var first = random.Next(skillIds.Length);
            var second = (first + 1 + random.Next(skillIds.Length - 1)) % skillIds.Length;
            var enrolment = new EnrolmentRow(id, programIndex, personIndex, status, [skillIds[first], skillIds[second]]);
            enrolments.Add(enrolment);
            rows.Row(id, program.Id, person.Id, person.Role.ToString(), status.ToString(), person.Department, person.JobLevel,
                random.NextDouble() < 0.3 ? $"p{random.Next(1, scale.People + 1):D6}@bench.local" : null, person.Location, person.Zone,
                random.Next(1, 4), Interests[random.Next(Interests.Length)],
                person.Role == ParticipantRole.Mentee ? "Use AI tools with confidence and understand how new colleagues work." : "",
                created, status == EnrolmentStatus.Pending ? null : created.AddDays(3), created, NewGuid().ToString().ToUpperInvariant());
            var teaching = person.Role == ParticipantRole.Mentor;
            foreach (var skill in enrolment.Skills)
            {
                skills.Row(id, skill, teaching ? "Teach" : "Learn", teaching ? random.Next(3, 6) : random.Next(1, 4));
            }

            for (var s = 0; s < 2; s++)
            {
                var hour = random.Next(8, 16);
                slots.Row(id, random.Next(1, 6), new TimeOnly(hour, 0), new TimeOnly(hour + 1 + random.Next(2), 0));
            }
        }

        for (var i = 0; i < people.Count; i++)
        {
            var programIndex = PickIndex(weights);
            Enrol(i, programIndex);

            // One in five joins a later cohort as well.
            if (programIndex < programs.Count - 1 && random.NextDouble() < 0.2)
            {
                Enrol(i, random.Next(programIndex + 1, programs.Count));
            }
        }
    }

    private void CreatePairsAndHistory(Batch batch)
    {
        var pairs = batch.Into("Pairs", "Id", "ProgramId", "MentorEnrolmentId", "MenteeEnrolmentId", "Score", "ScorePercent", "Reasons", "Pinned",
            "Status", "MentorResponse", "MenteeResponse", "MentorRespondedAtUtc", "MenteeRespondedAtUtc", "DeclineReason", "ProposedAtUtc",
            "AcceptedAtUtc", "EndedAtUtc", "Ending", "EndedByUserId", "EndReason", "Version");
        var sessions = batch.Into("Sessions", "Id", "ProgramId", "PairId", "StartsAtUtc", "DurationMinutes", "EndsAtUtc", "Format", "Location",
            "Status", "ScheduledByUserId", "CreatedAtUtc", "CalendarSequence", "CancelReason", "CancelledByUserId", "CancelledAtUtc",
            "HeldMinutes", "Notes", "NotesSharedWithHr", "FollowUps", "LoggedAtUtc", "LoggedByUserId", "MissedAtUtc", "Version");
        var feedback = batch.Into("Feedback", "ProgramId", "PairId", "SessionId", "ByUserId", "Role", "Rating", "Comment", "CreatedAtUtc");
        var ratings = batch.Into("SkillRatings", "ProgramId", "PairId", "EnrolmentId", "Role", "SkillId", "Stage", "Level", "RatedAtUtc");
        var checkIns = batch.Into("CheckIns", "Id", "ProgramId", "PairId", "EnrolmentId", "UserId", "Role", "Kind", "DayNumber", "SentAtUtc",
            "AnsweredAtUtc", "Met");
        var answers = batch.Into("CheckInAnswers", "CheckInId", "QuestionId", "Rating", "YesNo", "Text");

        var planned = PlanPairs();
        var nextPair = (int)Max("Pairs") + 1;
        var nextSession = (int)Max("Sessions") + 1;
        var nextCheckIn = (int)Max("CheckIns") + 1;
        var now = today.AddHours(DateTime.UtcNow.Hour);
        var horizon = today.AddDays(28);

        // The gap between a pair's sessions is chosen so that all pairs' active days hold about the requested number.
        var activeDays = planned.Where(p => p.AcceptedAtUtc is not null)
            .Sum(p => Math.Max(0, ((p.EndedAtUtc ?? Min(programs[p.Mentor.ProgramIndex].EndsOn, horizon)) - p.AcceptedAtUtc!.Value).TotalDays - 3));
        var meanGap = activeDays / scale.Sessions * 0.98;
        long sessionCount = 0, feedbackCount = 0;

        foreach (var pair in planned)
        {
            var program = programs[pair.Mentor.ProgramIndex];
            var mentor = people[pair.Mentor.PersonIndex];
            var mentee = people[pair.Mentee.PersonIndex];
            var id = nextPair++;
            pairs.Row(id, program.Id, pair.Mentor.Id, pair.Mentee.Id, random.Next(40, 100) * 1000, random.Next(55, 100),
                "teaches AI tools 4/5, wanted at 1/5; 3 h/week overlap", false, pair.Status.ToString(), pair.MentorResponse.ToString(),
                pair.MenteeResponse.ToString(), pair.MentorRespondedAtUtc, pair.MenteeRespondedAtUtc,
                pair.Status == PairStatus.Declined ? "Our schedules do not overlap." : null, pair.ProposedAtUtc, pair.AcceptedAtUtc,
                pair.EndedAtUtc, pair.Ending?.ToString(), pair.Ending is null ? null : (random.Next(2) == 0 ? mentor.Id : mentee.Id),
                pair.Ending switch { PairEnding.Completed => "The program ended.", PairEnding.EndedEarly => "Role change: no time left for the sessions.", _ => null },
                NewGuid().ToString().ToUpperInvariant());

            if (pair.AcceptedAtUtc is not { } accepted)
            {
                continue;
            }

            var until = pair.EndedAtUtc ?? Min(program.EndsOn, horizon);
            DateTime? firstHeld = null;
            var day = accepted.AddDays(3 + (random.NextDouble() * meanGap));
            while (day < until && sessionCount < scale.Sessions)
            {
                var starts = Weekday(day.Date).AddHours(random.Next(8, 17)).AddMinutes(random.Next(2) * 30);
                var minutes = new[] { 30, 45, 60, 60, 60, 90 }[random.Next(6)];
                var draw = random.NextDouble();
                var status = starts > now ? SessionStatus.Scheduled
                    : starts > now.AddDays(-3) && draw < 0.5 ? SessionStatus.Scheduled
                    : draw < 0.93 ? SessionStatus.Held : draw < 0.965 ? SessionStatus.Missed : SessionStatus.Cancelled;
                var sessionId = nextSession++;
                var scheduledBy = random.Next(2) == 0 ? mentor.Id : mentee.Id;
                var virtualMeeting = random.NextDouble() < 0.7;
                var logged = starts.AddMinutes(minutes + random.Next(10, 60 * 48));
                sessions.Row(sessionId, program.Id, id, starts, minutes, starts.AddMinutes(minutes), virtualMeeting ? 2 : 1,
                    virtualMeeting ? "https://meet.example.com/rm-" + sessionId.ToString(CultureInfo.InvariantCulture) : $"{mentee.Location} office, room {random.Next(1, 40)}",
                    status.ToString(), scheduledBy, starts.AddDays(-random.Next(2, 20)), random.Next(10) == 0 ? 1 : 0,
                    status == SessionStatus.Cancelled ? "A clash with a customer visit." : null,
                    status == SessionStatus.Cancelled ? scheduledBy : null,
                    status == SessionStatus.Cancelled ? starts.AddDays(-1) : null,
                    status == SessionStatus.Held ? minutes - (random.Next(4) * 5) : null,
                    status == SessionStatus.Held && random.NextDouble() < 0.4 ? "We went through two real examples and agreed what to try next." : null,
                    status == SessionStatus.Held && random.NextDouble() < 0.2,
                    status == SessionStatus.Held && random.NextDouble() < 0.3 ? "Try the assistant on the weekly report." : null,
                    status == SessionStatus.Held ? logged : null,
                    status == SessionStatus.Held ? (random.Next(2) == 0 ? mentor.Id : mentee.Id) : null,
                    status == SessionStatus.Missed ? starts.AddDays(2) : null,
                    NewGuid().ToString().ToUpperInvariant());
                sessionCount++;

                if (status == SessionStatus.Held)
                {
                    firstHeld ??= starts;
                    foreach (var (side, person) in new[] { (ParticipantRole.Mentor, mentor), (ParticipantRole.Mentee, mentee) })
                    {
                        if (feedbackCount >= scale.Feedback)
                        {
                            break;
                        }

                        feedback.Row(program.Id, id, sessionId, person.Id, side.ToString(), Rating(),
                            random.NextDouble() < 0.3 ? Comments[random.Next(Comments.Length)] : "", logged.AddHours(random.Next(0, 72)));
                        feedbackCount++;
                    }
                }

                day = day.AddDays(meanGap * (0.6 + (random.NextDouble() * 0.8)));
            }

            // Self-ratings of the mentee's wished-for skills, by both sides, at the start and (for completed pairs) at the end.
            if (random.NextDouble() < 0.7)
            {
                foreach (var skill in pair.Mentee.Skills)
                {
                    var menteeStart = random.Next(1, 3);
                    ratings.Row(program.Id, id, pair.Mentee.Id, "Mentee", skill, "Start", menteeStart, accepted.AddDays(2));
                    ratings.Row(program.Id, id, pair.Mentor.Id, "Mentor", skill, "Start", random.Next(4, 6), accepted.AddDays(2));
                    if (pair.Ending == PairEnding.Completed && random.NextDouble() < 0.8)
                    {
                        ratings.Row(program.Id, id, pair.Mentee.Id, "Mentee", skill, "End", Math.Min(5, menteeStart + random.Next(1, 3)), pair.EndedAtUtc);
                        ratings.Row(program.Id, id, pair.Mentor.Id, "Mentor", skill, "End", 5, pair.EndedAtUtc);
                    }
                }
            }

            var lastDay = Min(until, now);
            var sides = new[] { (ParticipantRole.Mentor, pair.Mentor, mentor), (ParticipantRole.Mentee, pair.Mentee, mentee) };
            if (accepted.AddDays(14) <= lastDay && (firstHeld is null || firstHeld > accepted.AddDays(14)))
            {
                foreach (var (side, enrolment, person) in sides)
                {
                    var answered = random.NextDouble() < 0.6;
                    checkIns.Row(nextCheckIn++, program.Id, id, enrolment.Id, person.Id, side.ToString(), "HaveYouMet", 14, accepted.AddDays(14),
                        answered ? accepted.AddDays(15) : null, answered ? firstHeld is not null && firstHeld < accepted.AddDays(15) : null);
                }
            }

            for (var milestone = 30; accepted.AddDays(milestone) <= lastDay; milestone += 60)
            {
                foreach (var (side, enrolment, person) in sides)
                {
                    var checkInId = nextCheckIn++;
                    var sent = accepted.AddDays(milestone);
                    var answered = random.NextDouble() < 0.75;
                    checkIns.Row(checkInId, program.Id, id, enrolment.Id, person.Id, side.ToString(), "Milestone", milestone, sent,
                        answered ? sent.AddDays(random.Next(0, 6)) : null, null);
                    if (answered)
                    {
                        answers.Row(checkInId, program.QuestionIds[0], Rating(), null, null);
                        answers.Row(checkInId, program.QuestionIds[1], null, random.NextDouble() < 0.8, null);
                        answers.Row(checkInId, program.QuestionIds[2], null, null, random.NextDouble() < 0.3 ? "More examples from other pairs." : null);
                    }
                }
            }
        }

        Console.WriteLine($"  mean gap between a pair's sessions {meanGap:F1} days");
    }

    /// <summary>Approved mentors and mentees of each program paired one to one, with states that fit the program's dates.</summary>
    private List<PlannedPair> PlanPairs()
    {
        var byProgram = programs.Select((_, i) => (
            Mentors: Shuffle(enrolments.Where(e => e.ProgramIndex == i && e.Status == EnrolmentStatus.Approved && people[e.PersonIndex].Role == ParticipantRole.Mentor).ToList()),
            Mentees: Shuffle(enrolments.Where(e => e.ProgramIndex == i && e.Status == EnrolmentStatus.Approved && people[e.PersonIndex].Role == ParticipantRole.Mentee).ToList())))
            .ToList();
        var possible = byProgram.Sum(p => Math.Min(p.Mentors.Count, p.Mentees.Count));
        var share = Math.Min(1.0, scale.Pairs / (double)possible);
        var planned = new List<PlannedPair>();
        for (var i = 0; i < programs.Count; i++)
        {
            var program = programs[i];
            var (mentors, mentees) = byProgram[i];
            var count = i == programs.Count - 1
                ? Math.Min(Math.Min(mentors.Count, mentees.Count), scale.Pairs - planned.Count)
                : (int)Math.Round(Math.Min(mentors.Count, mentees.Count) * share);
            var running = program.EndsOn > today;
            for (var k = 0; k < count; k++)
            {
                var proposed = program.StartsOn.AddDays(-7).AddHours(random.Next(8, 18));
                var mentorAnswer = proposed.AddHours(random.Next(2, 120));
                var menteeAnswer = proposed.AddHours(random.Next(2, 120));
                var draw = random.NextDouble();
                var pair = new PlannedPair(mentors[k], mentees[k]) { ProposedAtUtc = proposed };
                if (running && draw < 0.05)
                {
                    pair.Status = PairStatus.Proposed;
                    pair.ProposedAtUtc = Min(today.AddDays(-random.Next(1, 6)), proposed);
                    if (random.Next(2) == 0)
                    {
                        pair.MentorResponse = PairResponse.Accepted;
                        pair.MentorRespondedAtUtc = pair.ProposedAtUtc.AddHours(5);
                    }
                }
                else if (draw < (running ? 0.13 : 0.12))
                {
                    pair.Status = PairStatus.Declined;
                    pair.MentorResponse = PairResponse.Accepted;
                    pair.MentorRespondedAtUtc = mentorAnswer;
                    pair.MenteeResponse = PairResponse.Declined;
                    pair.MenteeRespondedAtUtc = menteeAnswer;
                }
                else
                {
                    pair.MentorResponse = pair.MenteeResponse = PairResponse.Accepted;
                    pair.MentorRespondedAtUtc = mentorAnswer;
                    pair.MenteeRespondedAtUtc = menteeAnswer;
                    var accepted = mentorAnswer > menteeAnswer ? mentorAnswer : menteeAnswer;
                    pair.AcceptedAtUtc = accepted;
                    var length = (program.EndsOn - accepted).TotalDays;
                    if (draw < (running ? 0.20 : 0.26))
                    {
                        pair.Status = PairStatus.Ended;
                        pair.Ending = PairEnding.EndedEarly;
                        pair.EndedAtUtc = Min(accepted.AddDays(random.Next(20, (int)Math.Max(21, length - 10))), today.AddDays(-1));
                    }
                    else if (!running)
                    {
                        pair.Status = PairStatus.Ended;
                        pair.Ending = PairEnding.Completed;
                        pair.EndedAtUtc = program.EndsOn.AddDays(random.Next(0, 8)).AddHours(random.Next(8, 18));
                    }
                    else
                    {
                        pair.Status = PairStatus.Accepted;
                    }
                }

                planned.Add(pair);
            }
        }

        return planned;
    }

    private SqliteAppDbContext Context() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options);

    private long Max(string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(Id), 0) FROM \"{table}\"";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private int Rating()
    {
        var draw = random.NextDouble();
        return draw < 0.40 ? 5 : draw < 0.75 ? 4 : draw < 0.90 ? 3 : draw < 0.97 ? 2 : 1;
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new Guid(bytes);
    }

    private string NewStamp() => NewGuid().ToString("N").ToUpperInvariant();

    /// <summary>The stored hash of a link token nobody holds: the generated invitations are never followed.</summary>
    private string Token()
    {
        Span<byte> bytes = stackalloc byte[24];
        random.NextBytes(bytes);
        return Invitation.HashOf(Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_'));
    }

    private string Pick((string Name, int Weight)[] choices) => choices[PickIndex(choices.Select(c => c.Weight).ToArray())].Name;

    private int PickIndex(int[] weights)
    {
        var draw = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            draw -= weights[i];
            if (draw < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private List<T> Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Weekday(DateTime date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private sealed record Person(string Id, string Email, string Department, string JobLevel, ParticipantRole Role, string Zone, string Location, DateTime CreatedAtUtc);

    private sealed record ProgramRow(int Id, DateTime StartsOn, DateTime EndsOn, int Weight, int[] QuestionIds);

    private sealed record EnrolmentRow(int Id, int ProgramIndex, int PersonIndex, EnrolmentStatus Status, int[] Skills);

    private sealed class PlannedPair(EnrolmentRow mentor, EnrolmentRow mentee)
    {
        public EnrolmentRow Mentor { get; } = mentor;
        public EnrolmentRow Mentee { get; } = mentee;
        public PairStatus Status { get; set; }
        public PairResponse MentorResponse { get; set; }
        public PairResponse MenteeResponse { get; set; }
        public DateTime? MentorRespondedAtUtc { get; set; }
        public DateTime? MenteeRespondedAtUtc { get; set; }
        public DateTime ProposedAtUtc { get; set; }
        public DateTime? AcceptedAtUtc { get; set; }
        public DateTime? EndedAtUtc { get; set; }
        public PairEnding? Ending { get; set; }
    }
}
