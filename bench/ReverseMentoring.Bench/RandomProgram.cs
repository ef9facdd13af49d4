using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;

namespace ReverseMentoring.Bench;

/// <summary>A plausible company-wide program: popular skills asked for more, office hours in real time zones, reporting lines among the enrolled.</summary>
internal static class RandomProgram
{
    private const int Skills = 200;

    private static readonly (string Zone, int Weight)[] Zones =
    [
        ("Europe/London", 20), ("Europe/Berlin", 15), ("Europe/Paris", 10), ("America/New_York", 18), ("America/Chicago", 8),
        ("America/Los_Angeles", 7), ("Asia/Kolkata", 12), ("Asia/Singapore", 6), ("Asia/Tokyo", 3), ("Australia/Sydney", 1),
    ];

    private static readonly string[] Departments =
        ["Finance", "Sales", "Marketing", "Engineering", "Operations", "HR", "Legal", "Product", "Support", "Procurement", "Risk", "Strategy"];

    private static readonly string[] Interests =
    [
        "ai", "social media", "gaming", "sustainability", "diversity", "music", "running", "cycling", "photography", "travel",
        "cooking", "chess", "startups", "crypto", "design", "podcasts", "films", "books", "volunteering", "languages",
        "football", "yoga", "climbing", "art", "theatre", "history", "science", "coding", "data", "wellbeing",
    ];

    public static PairingRound Generate(int mentors, int mentees, int seed, MatchingObjective objective)
    {
        var rng = new Random(seed);
        var popularity = Enumerable.Range(0, Skills).Select(k => 1.0 / Math.Pow(k + 1, 0.8)).ToArray();
        var cumulative = Cumulative(popularity);
        var zoneCumulative = Cumulative([.. Zones.Select(z => (double)z.Weight)]);
        var people = new List<PairingCandidate>(mentors + mentees);
        var menteeEmails = Enumerable.Range(0, mentees).Select(i => $"senior{i}@example.com").ToArray();
        for (var i = 0; i < mentees; i++)
        {
            // Seniors report to other seniors, or to executives outside the program.
            var manager = rng.NextDouble() < 0.6 && i > 0 ? menteeEmails[rng.Next(i)] : $"exec{rng.Next(50)}@example.com";
            people.Add(Person(rng, 100_000 + i, ParticipantRole.Mentee, menteeEmails[i], manager, 1, 3, cumulative, zoneCumulative));
        }

        for (var i = 0; i < mentors; i++)
        {
            // Most juniors' managers or skip-level managers are enrolled seniors: the reporting-line rule bites.
            var manager = rng.NextDouble() < 0.7 ? menteeEmails[rng.Next(mentees)] : $"lead{rng.Next(500)}@example.com";
            people.Add(Person(rng, i + 1, ParticipantRole.Mentor, $"junior{i}@example.com", manager, 3, 5, cumulative, zoneCumulative));
        }

        return new PairingRound
        {
            Candidates = people,
            MentorCapacity = 1,
            ProgramFormats = SessionFormats.InPerson | SessionFormats.Virtual,
            Settings = new MatchingSettings
            {
                SkillWeight = 5,
                AvailabilityWeight = 3,
                TimeZoneWeight = 2,
                FormatWeight = 2,
                InterestWeight = 1,
                MaxTimeZoneGapHours = 9,
                MinimumScorePercent = 40,
                PreferCrossDepartment = true,
                Objective = objective,
            },
            Bans = [.. Enumerable.Range(0, mentees / 50).Select(_ => new PairKey(rng.Next(1, mentors + 1), 100_000 + rng.Next(mentees)))],
            Declined = [.. Enumerable.Range(0, mentees / 20).Select(_ => new PairKey(rng.Next(1, mentors + 1), 100_000 + rng.Next(mentees)))],
            SkillNames = Enumerable.Range(1, Skills).ToDictionary(k => k, k => $"skill {k}"),
        };
    }

    private static PairingCandidate Person(
        Random rng, int id, ParticipantRole role, string email, string manager, int minLevel, int maxLevel, double[] skillCumulative, double[] zoneCumulative)
    {
        var skills = new Dictionary<int, int>();
        var wanted = rng.Next(2, 6);
        while (skills.Count < wanted)
        {
            skills.TryAdd(Pick(rng, skillCumulative) + 1, rng.Next(minLevel, maxLevel + 1));
        }

        var slots = Enumerable.Range(0, rng.Next(2, 7)).Select(_ =>
        {
            var starts = new TimeOnly(rng.Next(8, 17), rng.Next(2) * 30);
            return new WeeklySlot((DayOfWeek)rng.Next(1, 6), starts, starts.AddMinutes(30 * rng.Next(2, 5)));
        }).ToArray();

        var formats = rng.NextDouble() switch
        {
            < 0.5 => SessionFormats.Virtual,
            < 0.85 => SessionFormats.InPerson | SessionFormats.Virtual,
            < 0.95 => SessionFormats.InPerson,
            _ => SessionFormats.Virtual | SessionFormats.Group,
        };

        return new PairingCandidate
        {
            Id = id,
            Role = role,
            Email = email,
            ManagerEmail = manager,
            Department = Departments[rng.Next(Departments.Length)],
            TimeZoneId = Zones[Pick(rng, zoneCumulative)].Zone,
            Formats = formats,
            Skills = [.. skills.Select(s => new SkillLevel(s.Key, s.Value))],
            Availability = slots,
            Interests = [.. Enumerable.Range(0, rng.Next(0, 5)).Select(_ => Interests[rng.Next(Interests.Length)])],
        };
    }

    private static double[] Cumulative(double[] weights)
    {
        var sum = 0.0;
        return [.. weights.Select(w => sum += w)];
    }

    private static int Pick(Random rng, double[] cumulative)
    {
        var at = Array.BinarySearch(cumulative, rng.NextDouble() * cumulative[^1]);
        return Math.Min(at < 0 ? ~at : at, cumulative.Length - 1);
    }
}
