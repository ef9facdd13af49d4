using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// A random world for comparing figures: three programs with random cadences; people in random departments and job
/// levels (some in two programs); pairs in every state; pair and group sessions in every status on random days and
/// hours; ratings by both sides on random days; group attendance; self-ratings of skills (both sides) and growth areas
/// (the mentor) at the start, half way and end of pairs, on random days. Rows are written directly, as they stand.
/// </summary>
public static class RandomWorld
{
    private static readonly string[] Departments = ["Sales", "Finance", "Legal", "IT"];
    private static readonly string[] Levels = ["Junior", "Senior", "Director"];

    /// <summary>The new programs' ids.</summary>
    public static async Task<List<int>> BuildAsync(AppFactory app, Random random, DateTime start)
    {
        DateTime At(int fromDay, int toDay) => start.AddDays(random.Next(fromDay, toDay)).AddMinutes(random.Next(0, 24 * 60));

        var programs = new List<MentoringProgram>();
        for (var i = 0; i < 3; i++)
        {
            programs.Add(await app.ProgramAsync(ProgramStatus.Running, cadenceDays: random.Next(1, 4) * 7, name: TestData.Unique("Random program")));
        }

        var tag = Guid.NewGuid().ToString("N")[..8];
        var skills = new List<Skill>
        {
            new() { Name = $"Skill {tag} A" }, new() { Name = $"Skill {tag} B" }, new() { Name = $"Skill {tag} C" },
        };
        var growthAreas = new List<GrowthArea>();
        var users = new List<AppUser>();
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Skills.AddRange(skills);
            foreach (var program in programs)
            {
                // The same area names in every program, grouped by name across them.
                growthAreas.AddRange(
                [
                    new GrowthArea { ProgramId = program.Id, Name = $"Growth {tag} A", SortOrder = 1 },
                    new GrowthArea { ProgramId = program.Id, Name = $"Growth {tag} B", SortOrder = 2 },
                ]);
            }

            db.GrowthAreas.AddRange(growthAreas);
            for (var i = 0; i < 40; i++)
            {
                var email = $"random-{Guid.NewGuid():N}@example.com";
                var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Random {i}", CreatedAtUtc = start };
                db.Users.Add(user);
                users.Add(user);
            }

            await db.SaveChangesAsync();
        });

        await app.ExecuteDbContextAsync(async db =>
        {
            foreach (var program in programs)
            {
                var enrolments = new List<Enrolment>();
                foreach (var user in users.Where(_ => random.Next(3) > 0))
                {
                    var status = random.Next(5) switch { 0 => EnrolmentStatus.Pending, 1 => EnrolmentStatus.Rejected, _ => EnrolmentStatus.Approved };
                    var created = At(-30, 160);
                    enrolments.Add(new Enrolment
                    {
                        ProgramId = program.Id,
                        UserId = user.Id,
                        Role = random.Next(2) == 0 ? ParticipantRole.Mentor : ParticipantRole.Mentee,
                        Status = status,
                        Department = Departments[random.Next(Departments.Length)],
                        JobLevel = Levels[random.Next(Levels.Length)],
                        Location = "London",
                        Interests = "Random.",
                        Goals = "Random.",
                        CreatedAtUtc = created,
                        ConsentedAtUtc = created,
                        DecidedAtUtc = status == EnrolmentStatus.Pending || random.Next(6) == 0 ? null : created.AddDays(random.Next(0, 10)).AddHours(random.Next(0, 24)),
                    });
                }

                db.Enrolments.AddRange(enrolments);
                await db.SaveChangesAsync();

                var mentors = enrolments.Where(e => e.Role == ParticipantRole.Mentor).ToList();
                var mentees = enrolments.Where(e => e.Role == ParticipantRole.Mentee).ToList();
                if (mentors.Count == 0)
                {
                    continue;
                }

                var pairs = new List<Pair>();
                foreach (var mentee in mentees)
                {
                    var mentor = mentors[random.Next(mentors.Count)];
                    var status = (PairStatus)random.Next(0, 4);
                    var proposed = At(0, 120);
                    var accepted = status is PairStatus.Accepted or PairStatus.Ended ? proposed.AddDays(random.Next(0, 15)).AddHours(random.Next(0, 24)) : (DateTime?)null;
                    var ended = status == PairStatus.Ended ? accepted!.Value.AddDays(random.Next(0, 90)).AddHours(random.Next(0, 24)) : (DateTime?)null;
                    pairs.Add(new Pair
                    {
                        ProgramId = program.Id,
                        MentorEnrolmentId = mentor.Id,
                        MenteeEnrolmentId = mentee.Id,
                        Reasons = "random",
                        Status = status,
                        MentorResponse = accepted is null ? PairResponse.Pending : PairResponse.Accepted,
                        MenteeResponse = accepted is null ? PairResponse.Pending : PairResponse.Accepted,
                        ProposedAtUtc = proposed,
                        AcceptedAtUtc = accepted,
                        EndedAtUtc = ended,
                        Ending = ended is null ? null : random.Next(2) == 0 ? PairEnding.Completed : PairEnding.EndedEarly,
                    });
                }

                db.Pairs.AddRange(pairs);
                await db.SaveChangesAsync();

                Session NewSession(int? pairId, int? groupId, string by)
                {
                    var status = (SessionStatus)random.Next(0, 4);
                    var starts = At(-10, 175);
                    var minutes = random.Next(2, 7) * 15;
                    return new Session
                    {
                        ProgramId = program.Id,
                        PairId = pairId,
                        GroupId = groupId,
                        StartsAtUtc = starts,
                        DurationMinutes = minutes,
                        EndsAtUtc = starts.AddMinutes(minutes),
                        Format = SessionFormats.Virtual,
                        Location = "https://meet.example.com/random",
                        Status = status,
                        ScheduledByUserId = by,
                        CreatedAtUtc = starts.AddDays(-7),
                        HeldMinutes = status == SessionStatus.Held && random.Next(3) > 0 ? random.Next(1, 9) * 10 : null,
                    };
                }

                var sessions = new List<(Session Session, Pair Pair)>();
                foreach (var pair in pairs.Where(p => p.AcceptedAtUtc is not null))
                {
                    for (var n = random.Next(0, 8); n > 0; n--)
                    {
                        sessions.Add((NewSession(pair.Id, null, enrolments.Single(e => e.Id == pair.MentorEnrolmentId).UserId), pair));
                    }
                }

                db.Sessions.AddRange(sessions.Select(s => s.Session));
                await db.SaveChangesAsync();

                // Groups of a mentor's accepted pairs, with sessions some mentees came to.
                var groupSessions = new List<(Session Session, List<Pair> Members)>();
                foreach (var byMentor in pairs.Where(p => p.Status == PairStatus.Accepted).GroupBy(p => p.MentorEnrolmentId).Where(g => g.Count() >= 2))
                {
                    var mentor = enrolments.Single(e => e.Id == byMentor.Key);
                    var members = byMentor.ToList();
                    var group = MentoringGroup.Create(mentor.UserId, mentor, "Random circle", members, [], start);
                    db.MentoringGroups.Add(group);
                    await db.SaveChangesAsync();
                    for (var n = random.Next(1, 5); n > 0; n--)
                    {
                        var session = NewSession(null, group.Id, mentor.UserId);
                        session.Attendance = members.Select(m => new SessionAttendance
                        {
                            PairId = m.Id, MenteeEnrolmentId = m.MenteeEnrolmentId, Attended = random.Next(2) == 0,
                        }).ToList();
                        groupSessions.Add((session, members));
                    }
                }

                db.Sessions.AddRange(groupSessions.Select(g => g.Session));
                await db.SaveChangesAsync();

                string UserOf(int enrolmentId) => enrolments.Single(e => e.Id == enrolmentId).UserId;
                Feedback Rating(Session session, Pair pair, ParticipantRole role) => new()
                {
                    ProgramId = program.Id,
                    PairId = pair.Id,
                    SessionId = session.Id,
                    ByUserId = UserOf(role == ParticipantRole.Mentor ? pair.MentorEnrolmentId : pair.MenteeEnrolmentId),
                    Role = role,
                    Rating = random.Next(1, 6),
                    CreatedAtUtc = session.StartsAtUtc.AddHours(random.Next(1, 24 * 40)),
                };

                foreach (var (session, pair) in sessions.Where(s => s.Session.Status == SessionStatus.Held))
                {
                    foreach (var role in new[] { ParticipantRole.Mentor, ParticipantRole.Mentee }.Where(_ => random.Next(3) > 0))
                    {
                        db.SessionFeedback.Add(Rating(session, pair, role));
                    }
                }

                // A group mentor's rating is stored under the group's lowest member pair; each mentee who came rates under their own.
                foreach (var (session, members) in groupSessions.Where(g => g.Session.Status == SessionStatus.Held))
                {
                    if (random.Next(2) == 0)
                    {
                        db.SessionFeedback.Add(Rating(session, members.OrderBy(m => m.Id).First(), ParticipantRole.Mentor));
                    }

                    foreach (var pair in members.Where(m => session.Attendance.Any(a => a.PairId == m.Id && a.Attended) && random.Next(2) == 0))
                    {
                        db.SessionFeedback.Add(Rating(session, pair, ParticipantRole.Mentee));
                    }
                }

                // Self-ratings: a start rating on some of the pair's items, and half-way and end ratings of some of those.
                foreach (var pair in pairs.Where(p => p.AcceptedAtUtc is not null))
                {
                    var accepted = pair.AcceptedAtUtc!.Value;
                    DateTime Later() => accepted.AddDays(random.Next(1, 150)).AddMinutes(random.Next(0, 24 * 60));
                    foreach (var (enrolmentId, role) in new[] { (pair.MenteeEnrolmentId, ParticipantRole.Mentee), (pair.MentorEnrolmentId, ParticipantRole.Mentor) })
                    {
                        foreach (var skill in skills.Where(_ => random.Next(2) == 0))
                        {
                            foreach (var stage in Stages(random))
                            {
                                db.SkillRatings.Add(new SkillRating
                                {
                                    ProgramId = program.Id, PairId = pair.Id, EnrolmentId = enrolmentId, Role = role, SkillId = skill.Id, Stage = stage,
                                    Level = random.Next(1, 6), RatedAtUtc = stage == SkillRatingStage.Start ? accepted.AddDays(random.Next(0, 5)) : Later(),
                                });
                            }
                        }
                    }

                    foreach (var area in growthAreas.Where(a => a.ProgramId == program.Id && random.Next(3) > 0))
                    {
                        foreach (var stage in Stages(random))
                        {
                            db.GrowthRatings.Add(new GrowthRating
                            {
                                ProgramId = program.Id, PairId = pair.Id, EnrolmentId = pair.MentorEnrolmentId, GrowthAreaId = area.Id, Stage = stage,
                                Level = random.Next(1, 6), RatedAtUtc = stage == SkillRatingStage.Start ? accepted.AddDays(random.Next(0, 5)) : Later(),
                            });
                        }
                    }
                }

                // Knowledge sharing: sessions hosted by a junior, seats taken by people in the program and outside it, most
                // held with some of those booked marked as having come and some of them rating it, one left unheld.
                var hosts = enrolments.Where(e => e.Role == ParticipantRole.Mentor).ToList();
                for (var k = 0; k < 4 && hosts.Count > 0; k++)
                {
                    var startsAt = At(0, 160);
                    var knowledge = KnowledgeSession.Offer(program.Id, hosts[random.Next(hosts.Count)].UserId, $"Random knowledge {k}", "", startsAt, 60,
                        SessionFormats.Virtual, "https://meet.example.com/knowledge", 10, startsAt.AddDays(-7));
                    foreach (var user in users.Where(_ => random.Next(4) == 0).Take(12))
                    {
                        knowledge.SignUp(user.Id, startsAt.AddDays(-3));
                    }

                    if (k < 3)
                    {
                        var came = knowledge.Seats.Where(seat => seat.State == KnowledgeSeatState.Booked && random.Next(3) > 0).Select(seat => seat.UserId).ToList();
                        knowledge.RecordAttendance(came, startsAt.AddHours(1));
                        foreach (var userId in came.Where(_ => random.Next(2) == 0))
                        {
                            knowledge.GiveFeedback(userId, random.Next(1, 6), null, startsAt.AddHours(2));
                        }
                    }

                    db.KnowledgeSessions.Add(knowledge);
                }

                await db.SaveChangesAsync();
            }
        });

        return [.. programs.Select(p => p.Id)];
    }

    /// <summary>The stages one item is rated at: mostly a start and some later ones, now and then a later one without a start.</summary>
    private static List<SkillRatingStage> Stages(Random random)
    {
        var stages = new List<SkillRatingStage>();
        if (random.Next(6) > 0)
        {
            stages.Add(SkillRatingStage.Start);
        }

        if (random.Next(2) == 0)
        {
            stages.Add(SkillRatingStage.Mid);
        }

        if (random.Next(3) == 0)
        {
            stages.Add(SkillRatingStage.End);
        }

        return stages;
    }
}
