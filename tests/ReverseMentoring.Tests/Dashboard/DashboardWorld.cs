using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// Two programs, built with <see cref="TestData"/>.
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
    public required Dictionary<string, TestPair> Pairs { get; init; }

    /// <summary>Every participant's display name: none may appear anywhere leadership looks.</summary>
    public IEnumerable<string> Names => People.Keys.Select(NameOf);

    public static string NameOf(string key) => $"Person {key} Zed";

    private static DateTime At(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    public static async Task<DashboardWorld> BuildAsync(AppFactory app)
    {
        var digital = await ProgramAsync("Digital fluency", 14);
        var ai = await ProgramAsync("AI for leaders", 7);
        var people = new Dictionary<string, Enrolment>();
        var persons = new Dictionary<string, Person>();
        var pairs = new Dictionary<string, TestPair>();

        async Task EnrolAsync(string key, MentoringProgram program, ParticipantRole role, string department, EnrolmentStatus status, DateTime? decided, DateTime created)
        {
            var person = await app.PersonAsync(role, NameOf(key), $"{key.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com");
            persons[key] = person;
            people[key] = await app.EnrolAsync(program, person, role, status, department: department,
                jobLevel: role == ParticipantRole.Mentor ? "Junior" : "Director", enrolledAtUtc: created, decidedAtUtc: decided);
        }

        var approvedA = At(2, 1, 9);
        for (var i = 1; i <= 6; i++)
        {
            await EnrolAsync($"M{i}", digital, ParticipantRole.Mentor, i == 6 ? "Finance" : "Sales", EnrolmentStatus.Approved, approvedA, Enrolled);
        }

        for (var i = 1; i <= 7; i++)
        {
            await EnrolAsync($"S{i}", digital, ParticipantRole.Mentee, i is 5 or 6 ? "Finance" : "Sales",
                i == 7 ? EnrolmentStatus.Pending : EnrolmentStatus.Approved, i == 7 ? null : approvedA, Enrolled);
        }

        var approvedB = At(3, 1, 9);
        var enrolledB = At(2, 20, 9);
        await EnrolAsync("BM1", ai, ParticipantRole.Mentor, "Sales", EnrolmentStatus.Approved, approvedB, enrolledB);
        await EnrolAsync("BM2", ai, ParticipantRole.Mentor, "Sales", EnrolmentStatus.Approved, approvedB, enrolledB);
        await EnrolAsync("BS1", ai, ParticipantRole.Mentee, "Sales", EnrolmentStatus.Approved, approvedB, enrolledB);
        await EnrolAsync("BS2", ai, ParticipantRole.Mentee, "Sales", EnrolmentStatus.Approved, approvedB, enrolledB);

        var invitedAt = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        foreach (var (count, role, programId) in new[] { (8, Roles.Mentor, (int?)digital.Id), (9, Roles.Mentee, digital.Id), (2, Roles.Mentor, ai.Id), (1, Roles.Mentee, null) })
        {
            for (var i = 0; i < count; i++)
            {
                await app.InvitationAsync(programId, role, invitedAtUtc: invitedAt, expiresAtUtc: invitedAt.AddDays(14));
            }
        }

        async Task PairAsync(string key, MentoringProgram program, string mentor, string mentee, PairStatus status, DateTime? accepted, DateTime? proposed = null, Action<Pair>? change = null) =>
            pairs[key] = await app.PairAsync(program, status, persons[mentor], persons[mentee], proposedAtUtc: proposed ?? At(2, 10, 9), acceptedAtUtc: accepted, change: p =>
            {
                p.Reasons = "test";
                change?.Invoke(p);
            });

        await PairAsync("P1", digital, "M1", "S1", PairStatus.Accepted, At(2, 11, 9));
        await PairAsync("P2", digital, "M2", "S2", PairStatus.Accepted, At(2, 13, 9));
        await PairAsync("P3", digital, "M3", "S3", PairStatus.Accepted, At(2, 15, 9));
        await PairAsync("P4", digital, "M4", "S4", PairStatus.Accepted, At(2, 21, 9), change: p => p.End(persons["S4"].Id, PairEnding.Completed, "Finished", At(4, 30, 18)));
        await PairAsync("P5", digital, "M5", "S5", PairStatus.Accepted, At(3, 3, 9));
        await PairAsync("P6", digital, "M6", "S6", PairStatus.Proposed, null);
        await PairAsync("Q1", ai, "BM1", "BS1", PairStatus.Accepted, At(3, 10, 9), At(3, 5, 9));

        async Task<Session> Held(string pair, int month, int day, SessionStatus status = SessionStatus.Held) =>
            await app.SessionAsync(pairs[pair], status, At(month, day), change: s => s.CreatedAtUtc = At(1, 10));

        async Task<Session[]> HeldAll(string pair, params (int Month, int Day)[] days)
        {
            var sessions = new List<Session>();
            foreach (var (month, day) in days)
            {
                sessions.Add(await Held(pair, month, day));
            }

            return [.. sessions];
        }

        var p1 = await HeldAll("P1", (3, 5), (3, 19), (4, 2), (4, 16), (4, 30), (5, 14), (5, 28), (6, 10));
        var p2 = await HeldAll("P2", (3, 10), (4, 7));
        await Held("P3", 3, 12, SessionStatus.Cancelled);
        await Held("P3", 6, 20, SessionStatus.Scheduled);
        var p4s = await HeldAll("P4", (3, 4), (3, 18), (4, 1), (4, 15), (4, 29));
        var p5 = await HeldAll("P5", (3, 17), (3, 31), (4, 14), (4, 28), (5, 12), (5, 26), (6, 9));
        var q1s = await HeldAll("Q1", (3, 11), (3, 25), (4, 8), (4, 22), (5, 6), (5, 20));
        await Held("Q1", 5, 27, SessionStatus.Missed);

        Task Rate(Session session, string who, int rating, int minutesAfter = 60) =>
            app.FeedbackAsync(pairs.Values.Single(p => p.Id == session.PairId), session, people[who].Role, rating, atUtc: session.StartsAtUtc.AddMinutes(minutesAfter));

        // March: six people, 4+5+3+2+4+5 = 23.
        await Rate(p1[0], "M1", 4);
        await Rate(p1[0], "S1", 5);
        await Rate(p2[0], "M2", 3, 60);
        await Rate(p2[0], "S2", 2, 90);
        await Rate(p4s[0], "S4", 4);
        await Rate(p5[0], "M5", 5);

        // April: three people, 5+3+1 = 9.
        await Rate(p1[2], "M1", 5);
        await Rate(p4s[2], "S4", 3);
        await Rate(p2[1], "S2", 1);

        // May: six people, 4+3+4+2+3+5 = 21.
        await Rate(p1[5], "S1", 4);
        await Rate(p5[4], "S5", 3);
        await Rate(p5[4], "M5", 4, 90);
        await Rate(q1s[4], "BM1", 2);
        await Rate(q1s[4], "BS1", 3, 90);
        await Rate(p1[6], "M1", 5);

        // June, after the period.
        await Rate(p1[7], "M1", 1);

        Task CheckIn(string pair, string who, DateTime sent, DateTime? answered) =>
            app.CheckInAsync(pairs[pair], people[who].Role, CheckInKind.HaveYouMet, 14, sent, answered, answered is null ? null : true);

        await CheckIn("P3", "S3", At(3, 1), null);
        await CheckIn("P5", "S5", At(6, 12), null);
        await CheckIn("P2", "S2", At(2, 27), At(2, 28));

        var aiTools = await app.SkillIdAsync("AI tools");
        var social = await app.SkillIdAsync("Social media");

        async Task SelfRate(string pair, string who, int skill, int before, int? after, DateTime? endRated = null)
        {
            await app.SkillRatingAsync(pairs[pair], people[who].Role, skill, SkillRatingStage.Start, before, At(2, 20));
            if (after is { } level)
            {
                await app.SkillRatingAsync(pairs[pair], people[who].Role, skill, SkillRatingStage.End, level, endRated ?? At(4, 30));
            }
        }

        await SelfRate("P1", "S1", aiTools, 2, 4);
        await SelfRate("P2", "S2", aiTools, 1, 3);
        await SelfRate("P3", "S3", aiTools, 2, 2);
        await SelfRate("P4", "S4", aiTools, 3, 5);
        await SelfRate("P5", "S5", aiTools, 1, 4);
        await SelfRate("P1", "M1", aiTools, 3, null);
        await SelfRate("Q1", "BS1", aiTools, 1, 5, At(6, 5));
        await SelfRate("P1", "S1", social, 2, 3);
        await SelfRate("P2", "S2", social, 3, 4);

        return new DashboardWorld { Digital = digital, Ai = ai, People = people, Pairs = pairs };

        Task<MentoringProgram> ProgramAsync(string name, int cadence) =>
            app.ProgramAsync(ProgramStatus.Running, cadenceDays: cadence, name: name, startsOn: new DateOnly(2026, 2, 1), endsOn: new DateOnly(2026, 12, 31),
                change: p => (p.Objectives, p.CreatedAtUtc) = ("Digital literacy for leaders", Enrolled));
    }
}
