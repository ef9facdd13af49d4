using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;

namespace ReverseMentoring.Tests.Pairing;

/// <summary>People who make a good pair unless a test changes something: same zone, same hours, a wanted skill taught.</summary>
internal static class PairingTestKit
{
    public const int AiTools = 1;
    public const int DataSkill = 2;

    public static readonly WeeklySlot MondayMorning = new(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0));

    public static PairingCandidate Mentor(int id, string? manager = null, string zone = "Europe/London", SessionFormats formats = SessionFormats.Virtual,
        int level = 4, string department = "Sales", IReadOnlyList<WeeklySlot>? slots = null, IReadOnlyList<string>? interests = null) => new()
    {
        Id = id,
        Role = ParticipantRole.Mentor,
        Email = $"p{id}@example.com",
        ManagerEmail = manager,
        Department = department,
        TimeZoneId = zone,
        Formats = formats,
        Skills = [new SkillLevel(AiTools, level)],
        Availability = slots ?? [MondayMorning],
        Interests = interests ?? [],
    };

    public static PairingCandidate Mentee(int id, string? manager = null, string zone = "Europe/London", SessionFormats formats = SessionFormats.Virtual,
        int level = 1, string department = "Finance", IReadOnlyList<WeeklySlot>? slots = null, IReadOnlyList<string>? interests = null) => new()
    {
        Id = id,
        Role = ParticipantRole.Mentee,
        Email = $"p{id}@example.com",
        ManagerEmail = manager,
        Department = department,
        TimeZoneId = zone,
        Formats = formats,
        Skills = [new SkillLevel(AiTools, level)],
        Availability = slots ?? [MondayMorning],
        Interests = interests ?? [],
    };

    public static string EmailOf(int id) => $"p{id}@example.com";

    public static PairingRound Round(params PairingCandidate[] people) => new()
    {
        Candidates = people,
        SkillNames = new Dictionary<int, string> { [AiTools] = "AI tools", [DataSkill] = "data" },
    };

    public static HashSet<(int, int)> Pairs(PairingResult result) => [.. result.Pairs.Select(p => (p.MentorId, p.MenteeId))];
}
