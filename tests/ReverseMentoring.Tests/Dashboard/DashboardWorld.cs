using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// Two programs, built straight into the database.
/// <para>
/// "Digital fluency" (cadence 14 days): mentors M1–M6 (M1–M5 Sales, M6 Finance), all approved; mentees S1–S7
/// (S1–S4 and S7 Sales, S5–S6 Finance), S1–S6 approved on 1 Feb, S7 pending. Finance therefore holds three people.
/// Pairs: P1 M1–S1 accepted 11 Feb (10 days after approval), P2 M2–S2 13 Feb (12 days), P3 M3–S3 15 Feb (14 days),
/// P4 M4–S4 accepted 21 Feb (20 days) and ended as completed on 30 Apr, P5 M5–S5 accepted 3 Mar (30 days),
/// P6 M6–S6 still proposed. Invitations: 8 for mentors, 9 for mentees.
/// </para>
/// <para>
/// "AI for leaders" (cadence 7 days): mentors BM1–BM2, mentees BS1–BS2, all Sales and approved on 1 Mar; Q1 BM1–BS1
/// accepted 10 Mar (9 days). Invitations: 2 for mentors. One invitation with no program is not counted anywhere.
/// </para>
/// </summary>
public sealed class DashboardWorld
{
    private static readonly DateTime Enrolled = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    public required MentoringProgram Digital { get; init; }
    public required MentoringProgram Ai { get; init; }
    public required Dictionary<string, Enrolment> People { get; init; }
    public required Dictionary<string, Pair> Pairs { get; init; }

    /// <summary>Every participant's display name: none may appear anywhere leadership looks.</summary>
    public IEnumerable<string> Names => People.Keys.Select(NameOf);

    public static string NameOf(string key) => $"Person {key} Zed";

    private static DateTime At(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    public static async Task<DashboardWorld> BuildAsync(AppFactory app)
    {
        var digital = Program("Digital fluency", 14);
        var ai = Program("AI for leaders", 7);
        var people = new Dictionary<string, Enrolment>();
        var pairs = new Dictionary<string, Pair>();

        await app.ExecuteDbContextAsync(async db =>
        {
            db.Programs.AddRange(digital, ai);
            await db.SaveChangesAsync();

            void Enrol(string key, MentoringProgram program, ParticipantRole role, string department, EnrolmentStatus status, DateTime? decided, DateTime created)
            {
                var email = $"{key.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
                var user = new AppUser
                {
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    DisplayName = NameOf(key),
                    CreatedAtUtc = created,
                    SecurityStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(user);
                var enrolment = new Enrolment
                {
                    ProgramId = program.Id,
                    User = user,
                    Role = role,
                    Status = status,
                    Department = department,
                    JobLevel = role == ParticipantRole.Mentor ? "Junior" : "Director",
                    Location = "London",
                    DecidedAtUtc = decided,
                    CreatedAtUtc = created,
                };
                db.Enrolments.Add(enrolment);
                people[key] = enrolment;
            }

            var approvedA = At(2, 1, 9);
            for (var i = 1; i <= 6; i++)
            {
                Enrol($"M{i}", digital, ParticipantRole.Mentor, i == 6 ? "Finance" : "Sales", EnrolmentStatus.Approved, approvedA, Enrolled);
            }

            for (var i = 1; i <= 7; i++)
            {
                Enrol($"S{i}", digital, ParticipantRole.Mentee, i is 5 or 6 ? "Finance" : "Sales",
                    i == 7 ? EnrolmentStatus.Pending : EnrolmentStatus.Approved, i == 7 ? null : approvedA, Enrolled);
            }

            var approvedB = At(3, 1, 9);
            var enrolledB = At(2, 20, 9);
            Enrol("BM1", ai, ParticipantRole.Mentor, "Sales", EnrolmentStatus.Approved, approvedB, enrolledB);
            Enrol("BM2", ai, ParticipantRole.Mentor, "Sales", EnrolmentStatus.Approved, approvedB, enrolledB);
            Enrol("BS1", ai, ParticipantRole.Mentee, "Sales", EnrolmentStatus.Approved, approvedB, enrolledB);
            Enrol("BS2", ai, ParticipantRole.Mentee, "Sales", EnrolmentStatus.Approved, approvedB, enrolledB);
            await db.SaveChangesAsync();

            for (var i = 0; i < 8; i++)
            {
                db.Invitations.Add(Invite(Roles.Mentor, digital.Id));
            }

            for (var i = 0; i < 9; i++)
            {
                db.Invitations.Add(Invite(Roles.Mentee, digital.Id));
            }

            db.Invitations.Add(Invite(Roles.Mentor, ai.Id));
            db.Invitations.Add(Invite(Roles.Mentor, ai.Id));
            db.Invitations.Add(Invite(Roles.Mentee, null));

            Pair Pair(string key, MentoringProgram program, string mentor, string mentee, PairStatus status, DateTime? accepted)
            {
                var pair = new Pair
                {
                    ProgramId = program.Id,
                    MentorEnrolmentId = people[mentor].Id,
                    MenteeEnrolmentId = people[mentee].Id,
                    Reasons = "test",
                    Status = status,
                    MentorResponse = accepted is null ? PairResponse.Pending : PairResponse.Accepted,
                    MenteeResponse = accepted is null ? PairResponse.Pending : PairResponse.Accepted,
                    ProposedAtUtc = At(2, 10, 9),
                    AcceptedAtUtc = accepted,
                };
                db.Pairs.Add(pair);
                pairs[key] = pair;
                return pair;
            }

            Pair("P1", digital, "M1", "S1", PairStatus.Accepted, At(2, 11, 9));
            Pair("P2", digital, "M2", "S2", PairStatus.Accepted, At(2, 13, 9));
            Pair("P3", digital, "M3", "S3", PairStatus.Accepted, At(2, 15, 9));
            var p4 = Pair("P4", digital, "M4", "S4", PairStatus.Accepted, At(2, 21, 9));
            p4.End(people["S4"].UserId, PairEnding.Completed, "Finished", At(4, 30, 18));
            Pair("P5", digital, "M5", "S5", PairStatus.Accepted, At(3, 3, 9));
            Pair("P6", digital, "M6", "S6", PairStatus.Proposed, null);
            var q1 = Pair("Q1", ai, "BM1", "BS1", PairStatus.Accepted, At(3, 10, 9));
            q1.ProposedAtUtc = At(3, 5, 9);
            await db.SaveChangesAsync();

            Session Held(string pair, int month, int day, SessionStatus status = SessionStatus.Held)
            {
                var p = pairs[pair];
                var session = new Session
                {
                    ProgramId = p.ProgramId,
                    PairId = p.Id,
                    StartsAtUtc = At(month, day),
                    DurationMinutes = 60,
                    EndsAtUtc = At(month, day, 11),
                    Format = SessionFormats.Virtual,
                    Location = "https://meet.example.com/x",
                    Status = status,
                    ScheduledByUserId = people[pair == "Q1" ? "BM1" : "M1"].UserId,
                    CreatedAtUtc = At(1, 10),
                };
                db.Sessions.Add(session);
                return session;
            }

            var p1 = new[] { Held("P1", 3, 5), Held("P1", 3, 19), Held("P1", 4, 2), Held("P1", 4, 16), Held("P1", 4, 30), Held("P1", 5, 14), Held("P1", 5, 28), Held("P1", 6, 10) };
            var p2 = new[] { Held("P2", 3, 10), Held("P2", 4, 7) };
            Held("P3", 3, 12, SessionStatus.Cancelled);
            Held("P3", 6, 20, SessionStatus.Scheduled);
            var p4s = new[] { Held("P4", 3, 4), Held("P4", 3, 18), Held("P4", 4, 1), Held("P4", 4, 15), Held("P4", 4, 29) };
            var p5 = new[] { Held("P5", 3, 17), Held("P5", 3, 31), Held("P5", 4, 14), Held("P5", 4, 28), Held("P5", 5, 12), Held("P5", 5, 26), Held("P5", 6, 9) };
            var q1s = new[] { Held("Q1", 3, 11), Held("Q1", 3, 25), Held("Q1", 4, 8), Held("Q1", 4, 22), Held("Q1", 5, 6), Held("Q1", 5, 20) };
            Held("Q1", 5, 27, SessionStatus.Missed);
            await db.SaveChangesAsync();

            void Rate(Session session, string who, int rating, int minutesAfter = 60)
            {
                var enrolment = people[who];
                db.SessionFeedback.Add(new Feedback
                {
                    ProgramId = session.ProgramId,
                    PairId = session.PairId,
                    SessionId = session.Id,
                    ByUserId = enrolment.UserId,
                    Role = enrolment.Role,
                    Rating = rating,
                    CreatedAtUtc = session.StartsAtUtc.AddMinutes(minutesAfter),
                });
            }

            // March: six people, 4+5+3+2+4+5 = 23.
            Rate(p1[0], "M1", 4);
            Rate(p1[0], "S1", 5);
            Rate(p2[0], "M2", 3, 60);
            Rate(p2[0], "S2", 2, 90);
            Rate(p4s[0], "S4", 4);
            Rate(p5[0], "M5", 5);

            // April: three people, 5+3+1 = 9.
            Rate(p1[2], "M1", 5);
            Rate(p4s[2], "S4", 3);
            Rate(p2[1], "S2", 1);

            // May: six people, 4+3+4+2+3+5 = 21.
            Rate(p1[5], "S1", 4);
            Rate(p5[4], "S5", 3);
            Rate(p5[4], "M5", 4, 90);
            Rate(q1s[4], "BM1", 2);
            Rate(q1s[4], "BS1", 3, 90);
            Rate(p1[6], "M1", 5);

            // June, after the period.
            Rate(p1[7], "M1", 1);

            void CheckIn(string pair, string who, DateTime sent, DateTime? answered)
            {
                var enrolment = people[who];
                db.CheckIns.Add(new CheckIn
                {
                    ProgramId = enrolment.ProgramId,
                    PairId = pairs[pair].Id,
                    EnrolmentId = enrolment.Id,
                    UserId = enrolment.UserId,
                    Role = enrolment.Role,
                    Kind = CheckInKind.HaveYouMet,
                    DayNumber = 14,
                    SentAtUtc = sent,
                    AnsweredAtUtc = answered,
                    Met = answered is null ? null : true,
                });
            }

            CheckIn("P3", "S3", At(3, 1), null);
            CheckIn("P5", "S5", At(6, 12), null);
            CheckIn("P2", "S2", At(2, 27), At(2, 28));

            // The catalogue may already hold these skills (the start-up data adds some).
            async Task<Skill> SkillAsync(string name)
            {
                var skill = await db.Skills.FirstOrDefaultAsync(s => s.Name == name) ?? db.Skills.Add(new Skill { Name = name }).Entity;
                await db.SaveChangesAsync();
                return skill;
            }

            var aiTools = await SkillAsync("AI tools");
            var social = await SkillAsync("Social media");

            void SelfRate(string pair, string who, Skill skill, int before, int? after, DateTime? endRated = null)
            {
                var enrolment = people[who];
                db.SkillRatings.Add(new SkillRating
                {
                    ProgramId = enrolment.ProgramId,
                    PairId = pairs[pair].Id,
                    EnrolmentId = enrolment.Id,
                    Role = enrolment.Role,
                    SkillId = skill.Id,
                    Stage = SkillRatingStage.Start,
                    Level = before,
                    RatedAtUtc = At(2, 20),
                });
                if (after is { } level)
                {
                    db.SkillRatings.Add(new SkillRating
                    {
                        ProgramId = enrolment.ProgramId,
                        PairId = pairs[pair].Id,
                        EnrolmentId = enrolment.Id,
                        Role = enrolment.Role,
                        SkillId = skill.Id,
                        Stage = SkillRatingStage.End,
                        Level = level,
                        RatedAtUtc = endRated ?? At(4, 30),
                    });
                }
            }

            SelfRate("P1", "S1", aiTools, 2, 4);
            SelfRate("P2", "S2", aiTools, 1, 3);
            SelfRate("P3", "S3", aiTools, 2, 2);
            SelfRate("P4", "S4", aiTools, 3, 5);
            SelfRate("P5", "S5", aiTools, 1, 4);
            SelfRate("P1", "M1", aiTools, 3, null);
            SelfRate("Q1", "BS1", aiTools, 1, 5, At(6, 5));
            SelfRate("P1", "S1", social, 2, 3);
            SelfRate("P2", "S2", social, 3, 4);
            await db.SaveChangesAsync();
        });

        return new DashboardWorld { Digital = digital, Ai = ai, People = people, Pairs = pairs };

        static MentoringProgram Program(string name, int cadence) => new()
        {
            Name = name,
            Objectives = "Digital literacy for leaders",
            StartsOn = new DateOnly(2026, 2, 1),
            EndsOn = new DateOnly(2026, 12, 31),
            SessionCadenceDays = cadence,
            Status = ProgramStatus.Running,
            CreatedAtUtc = Enrolled,
        };

        static Invitation Invite(string role, int? programId) => new()
        {
            Email = $"invitee-{Guid.NewGuid():N}@example.com",
            Role = role,
            ProgramId = programId,
            InvitedAtUtc = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc),
            ExpiresAtUtc = new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc),
        };
    }
}
