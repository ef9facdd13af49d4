using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// A pilot that has been running for five months, so that sessions, feedback, check-ins, skills progress and the
/// uptake dashboard have something to show on a fresh install. Most pairs meet every fortnight; a few have stopped
/// meeting, one never met and one rates its sessions poorly: the at-risk cases the dashboard exists to surface.
/// </summary>
internal sealed partial class DemoData
{
    public const string PilotName = "Reverse Mentoring Pilot 2026";
    private const int PilotExtraPairs = 20;
    private const int PilotDays = 150;

    private static readonly string[] PilotFirstNames =
        ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn"];

    private static readonly string[] PilotLastNames =
        ["Adams", "Baker", "Clarke", "Dubois", "Evans", "Fontaine", "Garcia", "Hansen", "Ivanova", "Jensen"];

    public static string PilotMentorEmail(int number) => $"pilot-mentor{number:00}@demo.local";

    public static string PilotMenteeEmail(int number) => $"pilot-mentee{number:00}@demo.local";

    private async Task EnsurePilotAsync(string passwordHash, string coordinatorId, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Programs.AnyAsync(p => p.Name == PilotName, cancellationToken))
        {
            return;
        }

        for (var i = 1; i <= PilotExtraPairs; i++)
        {
            await EnsureUserAsync(PilotMentorEmail(i), $"{PilotFirstNames[i % 10]} {PilotLastNames[(i * 3) % 10]}", Roles.Mentor, passwordHash, now);
            await EnsureUserAsync(PilotMenteeEmail(i), $"{PilotFirstNames[(i + 5) % 10]} {PilotLastNames[(i * 7 + 1) % 10]}", Roles.Mentee, passwordHash, now);
        }

        var started = now.Date.AddDays(-PilotDays);
        var program = new MentoringProgram
        {
            Name = PilotName,
            Objectives = "A first, small cohort: leaders learn collaboration tools and AI assistants, and hear how junior colleagues see the company.",
            StartsOn = DateOnly.FromDateTime(started),
            EndsOn = DateOnly.FromDateTime(now.Date.AddDays(30)),
            EnrolmentOpensOn = DateOnly.FromDateTime(started.AddDays(-30)),
            EnrolmentClosesOn = DateOnly.FromDateTime(started.AddDays(-10)),
            SessionCadenceDays = 14,
            SessionMinutes = 60,
            ExpectedSessions = 10,
            Formats = SessionFormats.InPerson | SessionFormats.Virtual,
            MentorCapacity = 1,
            Status = ProgramStatus.Running,
            CreatedAtUtc = started.AddDays(-40),
            CreatedByUserId = coordinatorId,
            Coordinators = [new ProgramCoordinator { UserId = coordinatorId, AddedAtUtc = started.AddDays(-40) }],
            Topics =
            [
                new ProgramTopic { Title = "Collaboration tools", SuggestedActivities = "Run one of the leader's meetings in a shared workspace.", SortOrder = 1 },
                new ProgramTopic { Title = "AI assistants", SuggestedActivities = "Prepare a board paper with an assistant and review its mistakes together.", SortOrder = 2 },
                new ProgramTopic { Title = "What juniors expect from work", SuggestedActivities = "Discuss flexible work and feedback from both sides.", SortOrder = 3 },
            ],
        };
        db.Programs.Add(program);
        await db.SaveChangesAsync(cancellationToken);

        db.CheckInQuestions.AddRange(
            new CheckInQuestion { ProgramId = program.Id, Text = "How useful are your sessions so far?", Kind = CheckInQuestionKind.Rating, SortOrder = 1 },
            new CheckInQuestion { ProgramId = program.Id, Text = "Are you meeting as often as planned?", Kind = CheckInQuestionKind.YesNo, SortOrder = 2 },
            new CheckInQuestion { ProgramId = program.Id, Text = "What has changed in how you work?", Kind = CheckInQuestionKind.Text, SortOrder = 3 });

        var skills = await db.Skills.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        var people = await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@demo.local"))
            .ToDictionaryAsync(u => u.Email!, u => u.Id, cancellationToken);

        // The demo juniors and seniors take part too (with partners outside their reporting line), so signing in as
        // mentor01 or mentee01 shows a pair with a history; the pilot accounts make the numbers large enough to show.
        var couples = new List<(string Mentor, string Mentee)>();
        for (var i = 1; i <= SeniorNames.Length; i++)
        {
            couples.Add((MentorEmail(i), MenteeEmail((i % SeniorNames.Length) + 1)));
        }

        for (var i = 1; i <= PilotExtraPairs; i++)
        {
            couples.Add((PilotMentorEmail(i), PilotMenteeEmail(i)));
        }

        var enrolments = new List<(Enrolment Mentor, Enrolment Mentee)>();
        for (var i = 0; i < couples.Count; i++)
        {
            var skill = skills[i % skills.Count];
            var other = skills[(i + 4) % skills.Count];
            var mentor = DemoEnrolment(program.Id, people[couples[i].Mentor], ParticipantRole.Mentor, started.AddDays(-20),
                Departments[i % Departments.Length], JuniorLevels[i % JuniorLevels.Length], null, Places[i % Places.Length],
                Interests[i % Interests.Length], [(skill, 5), (other, 4)], (DayOfWeek)(1 + (i % 5)), 9 + (i % 6));
            var mentee = DemoEnrolment(program.Id, people[couples[i].Mentee], ParticipantRole.Mentee, started.AddDays(-20),
                Departments[(i + 3) % Departments.Length], SeniorLevels[i % SeniorLevels.Length], null, Places[(i + 1) % Places.Length],
                Interests[(i + 2) % Interests.Length], [(skill, 1), (other, 2)], (DayOfWeek)(1 + (i % 5)), 9 + (i % 6));
            db.Enrolments.AddRange(mentor, mentee);
            enrolments.Add((mentor, mentee));
        }

        await db.SaveChangesAsync(cancellationToken);

        var questions = await db.CheckInQuestions.Where(q => q.ProgramId == program.Id).OrderBy(q => q.SortOrder).ToListAsync(cancellationToken);
        var topics = program.Topics.Select(t => t.Id).ToArray();
        for (var i = 0; i < enrolments.Count; i++)
        {
            var (mentor, mentee) = enrolments[i];
            var accepted = started.AddDays(i % 7);
            var pair = new Pair
            {
                ProgramId = program.Id,
                MentorEnrolmentId = mentor.Id,
                MenteeEnrolmentId = mentee.Id,
                Score = 80 - i,
                ScorePercent = 80 - i,
                Reasons = "Demo pilot pair.",
                Status = PairStatus.Accepted,
                MentorResponse = PairResponse.Accepted,
                MenteeResponse = PairResponse.Accepted,
                ProposedAtUtc = accepted.AddDays(-3),
                MentorRespondedAtUtc = accepted.AddDays(-2),
                MenteeRespondedAtUtc = accepted,
                AcceptedAtUtc = accepted,
            };

            // Pattern by position: most meet all along; 3 stopped after two months; 1 never met; 1 rates poorly;
            // 2 finished early with everything done, 1 ended early.
            var kind = i switch
            {
                12 or 17 or 22 => PilotPattern.Lapsed,
                25 => PilotPattern.NeverMet,
                27 => PilotPattern.LowRatings,
                28 or 29 => PilotPattern.Completed,
                24 => PilotPattern.EndedEarly,
                _ => PilotPattern.Regular,
            };
            var lastDay = kind switch
            {
                PilotPattern.Lapsed => 60,
                PilotPattern.NeverMet => -1,
                PilotPattern.EndedEarly => 45,
                PilotPattern.Completed => 120,
                _ => PilotDays,
            };
            if (kind is PilotPattern.Completed or PilotPattern.EndedEarly)
            {
                pair.End(mentee.UserId, kind == PilotPattern.Completed ? PairEnding.Completed : PairEnding.EndedEarly,
                    kind == PilotPattern.Completed ? "Completed the planned sessions." : "The mentee moved to a new role abroad.",
                    accepted.AddDays(lastDay + 2));
            }

            db.Pairs.Add(pair);
            await db.SaveChangesAsync(cancellationToken);

            var held = 0;
            for (var day = 7; day <= lastDay; day += 14)
            {
                var starts = accepted.AddDays(day).AddHours(9 + (i % 6));
                if (starts > now.AddHours(-2))
                {
                    break;
                }

                var missed = i % 9 == 4 && day % 42 == 21;
                var session = new Session
                {
                    ProgramId = program.Id,
                    PairId = pair.Id,
                    StartsAtUtc = starts,
                    DurationMinutes = 60,
                    EndsAtUtc = starts.AddMinutes(60),
                    Format = i % 3 == 0 ? SessionFormats.InPerson : SessionFormats.Virtual,
                    Location = i % 3 == 0 ? "Head office, room 4.12" : $"https://meet.example.com/pilot-{pair.Id}",
                    Status = missed ? SessionStatus.Missed : SessionStatus.Held,
                    ScheduledByUserId = mentor.UserId,
                    CreatedAtUtc = starts.AddDays(-7),
                    MissedAtUtc = missed ? starts.AddDays(2) : null,
                    HeldMinutes = missed ? null : 45 + (day % 30),
                    Notes = missed ? null : "Worked through the agenda; the mentee tried it live.",
                    NotesSharedWithHr = !missed && day % 28 == 7,
                    FollowUps = missed ? null : "Try it once before the next session.",
                    LoggedAtUtc = missed ? null : starts.AddHours(3),
                    LoggedByUserId = missed ? null : mentee.UserId,
                    Topics =
                    [
                        new SessionTopic { ProgramTopicId = topics[(day / 14) % topics.Length], Kind = SessionTopicKind.Agenda },
                        .. missed ? Array.Empty<SessionTopic>() : [new SessionTopic { ProgramTopicId = topics[(day / 14) % topics.Length], Kind = SessionTopicKind.Covered }],
                    ],
                };
                db.Sessions.Add(session);
                if (!missed)
                {
                    held++;
                    var rating = kind == PilotPattern.LowRatings ? 2 : 3 + ((i + day) % 3);
                    db.SessionFeedback.Add(new Feedback
                    {
                        ProgramId = program.Id, PairId = pair.Id, Session = session, ByUserId = mentor.UserId, Role = ParticipantRole.Mentor,
                        Rating = rating, Comment = rating >= 4 ? "Good energy, real questions." : "Hard to find the time.", CreatedAtUtc = starts.AddHours(5),
                    });

                    // Seniors skip the odd form: pending feedback is part of the picture.
                    if ((i + day) % 5 != 0)
                    {
                        db.SessionFeedback.Add(new Feedback
                        {
                            ProgramId = program.Id, PairId = pair.Id, Session = session, ByUserId = mentee.UserId, Role = ParticipantRole.Mentee,
                            Rating = Math.Min(5, rating + (day % 2)), Comment = "Learned something I used the same week.", CreatedAtUtc = starts.AddHours(6),
                        });
                    }
                }
            }

            if (kind is PilotPattern.Regular && i < SeniorNames.Length)
            {
                // The demo accounts also have their next session booked.
                var next = now.Date.AddDays(3 + (i % 4)).AddHours(9 + (i % 6));
                db.Sessions.Add(new Session
                {
                    ProgramId = program.Id, PairId = pair.Id, StartsAtUtc = next, DurationMinutes = 60, EndsAtUtc = next.AddMinutes(60),
                    Format = SessionFormats.Virtual, Location = $"https://meet.example.com/pilot-{pair.Id}", Status = SessionStatus.Scheduled,
                    ScheduledByUserId = mentor.UserId, CreatedAtUtc = now.AddDays(-1),
                    Topics = [new SessionTopic { ProgramTopicId = topics[i % topics.Length], Kind = SessionTopicKind.Agenda }],
                });
            }

            foreach (var side in new[] { mentor, mentee })
            {
                foreach (var skill in side.Skills)
                {
                    db.SkillRatings.Add(new SkillRating
                    {
                        ProgramId = program.Id, PairId = pair.Id, EnrolmentId = side.Id, Role = side.Role, SkillId = skill.SkillId,
                        Stage = SkillRatingStage.Start, Level = side.Role == ParticipantRole.Mentee ? skill.Level : 3, RatedAtUtc = accepted.AddDays(1),
                    });
                    if (pair.Status == PairStatus.Ended)
                    {
                        db.SkillRatings.Add(new SkillRating
                        {
                            ProgramId = program.Id, PairId = pair.Id, EnrolmentId = side.Id, Role = side.Role, SkillId = skill.SkillId,
                            Stage = SkillRatingStage.End, Level = side.Role == ParticipantRole.Mentee ? Math.Min(5, skill.Level + 2) : 4,
                            RatedAtUtc = pair.EndedAtUtc!.Value,
                        });
                    }
                }

                foreach (var dayNumber in new[] { 30, 90 })
                {
                    var sent = accepted.AddDays(dayNumber);
                    if (sent > now || (pair.EndedAtUtc is { } ended && sent > ended))
                    {
                        continue;
                    }

                    var answered = (i + dayNumber + (int)side.Role) % 4 != 0;
                    db.CheckIns.Add(new CheckIn
                    {
                        ProgramId = program.Id, PairId = pair.Id, EnrolmentId = side.Id, UserId = side.UserId, Role = side.Role,
                        Kind = CheckInKind.Milestone, DayNumber = dayNumber, SentAtUtc = sent, AnsweredAtUtc = answered ? sent.AddDays(2).AddHours(8 + ((i + dayNumber) % 10)).AddMinutes(7 * i % 60) : null,
                        Answers = answered
                            ?
                            [
                                new CheckInAnswer { QuestionId = questions[0].Id, Rating = kind == PilotPattern.LowRatings ? 2 : 4 },
                                new CheckInAnswer { QuestionId = questions[1].Id, YesNo = kind is not PilotPattern.Lapsed },
                                new CheckInAnswer { QuestionId = questions[2].Id, Text = ChangedHowIWork(side.Role, i + (dayNumber / 30)) },
                            ]
                            : [],
                    });
                }

                if (held == 0)
                {
                    db.CheckIns.Add(new CheckIn
                    {
                        ProgramId = program.Id, PairId = pair.Id, EnrolmentId = side.Id, UserId = side.UserId, Role = side.Role,
                        Kind = CheckInKind.HaveYouMet, DayNumber = 14, SentAtUtc = accepted.AddDays(14),
                    });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await EnsurePilotSurveysAsync(program, now, cancellationToken);
        await AddPilotStagesAsync(program, now, cancellationToken);
    }

    // Seniors say what changed in their work, juniors what changed in theirs; varied so HR reads real-looking answers.
    internal static readonly string[] SeniorChanges =
    [
        "I now share documents instead of e-mailing attachments.",
        "I drafted my quarterly update with an AI assistant and then edited it myself.",
        "I run my team's stand-up on the chat channel twice a week instead of a meeting.",
        "I posted on the company network about our new site for the first time.",
        "I ask my team what they think before deciding on tools, not after.",
        "I built my own dashboard instead of waiting for the monthly report.",
        "I set up a shared task board with my assistant and stopped chasing by e-mail.",
    ];

    internal static readonly string[] JuniorChanges =
    [
        "I explain technical things with fewer words and more examples.",
        "I understand why budget decisions take so long now.",
        "I speak up more in meetings with senior people.",
        "I prepare each session with a goal, like I would with a client.",
        "I see how my team's work shows up in the board's priorities.",
        "I have learned to listen before I suggest a tool.",
    ];

    private static string ChangedHowIWork(ParticipantRole role, int seed)
    {
        var pool = role == ParticipantRole.Mentee ? SeniorChanges : JuniorChanges;
        return pool[seed % pool.Length];
    }

    private enum PilotPattern
    {
        Regular,
        Lapsed,
        NeverMet,
        LowRatings,
        Completed,
        EndedEarly,
    }
}
