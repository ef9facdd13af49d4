using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;

namespace ReverseMentoring.Bench;

/// <summary>
/// The company-wide program of <see cref="RandomProgram"/>, preference-led: every mentor and mentee ranks five partners,
/// picked the way people pick from what they are shown: among the other side who teach (or want) one of their skills,
/// at random, in a random order. A tenth of the people waited a round or more.
/// </summary>
internal static class RankedProgram
{
    public static PairingRound Generate(int size, int seed, MatchingObjective objective, bool removeBlockingPairs)
    {
        var round = RandomProgram.Generate(size, size, seed, objective);
        var rng = new Random(seed + 1);
        var bySkill = new Dictionary<(ParticipantRole, int), List<int>>();
        foreach (var person in round.Candidates)
        {
            foreach (var skill in person.Skills)
            {
                if (!bySkill.TryGetValue((person.Role, skill.SkillId), out var list))
                {
                    bySkill[(person.Role, skill.SkillId)] = list = [];
                }

                list.Add(person.Id);
            }
        }

        var ranks = new List<PartnerRank>(round.Candidates.Count * MatchingSettings.MaxRankedPartners);
        foreach (var person in round.Candidates)
        {
            var other = person.Role == ParticipantRole.Mentor ? ParticipantRole.Mentee : ParticipantRole.Mentor;
            var pool = person.Skills.SelectMany(s => bySkill.GetValueOrDefault((other, s.SkillId)) ?? []).Distinct().ToList();
            var chosen = new HashSet<int>();
            while (chosen.Count < MatchingSettings.MaxRankedPartners && chosen.Count < pool.Count)
            {
                chosen.Add(pool[rng.Next(pool.Count)]);
            }

            ranks.AddRange(chosen.Select((partner, i) => new PartnerRank(person.Id, partner, i + 1)));
        }

        var settings = round.Settings;
        return round with
        {
            Ranks = ranks,
            RoundsWaited = round.Candidates.Where(_ => rng.NextDouble() < 0.1).ToDictionary(c => c.Id, _ => rng.Next(1, 4)),
            Settings = new MatchingSettings
            {
                SkillWeight = settings.SkillWeight,
                AvailabilityWeight = settings.AvailabilityWeight,
                TimeZoneWeight = settings.TimeZoneWeight,
                FormatWeight = settings.FormatWeight,
                InterestWeight = settings.InterestWeight,
                MaxTimeZoneGapHours = settings.MaxTimeZoneGapHours,
                MinimumScorePercent = settings.MinimumScorePercent,
                PreferCrossDepartment = settings.PreferCrossDepartment,
                Objective = objective,
                Mode = MatchingMode.PreferenceLed,
                PreferenceWeight = 5,
                WaitingBonus = 2,
                RemoveBlockingPairs = removeBlockingPairs,
            },
        };
    }
}
