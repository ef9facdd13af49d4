namespace ReverseMentoring.Web.Domain;

/// <summary>
/// In a preference-led program, one choice a participant made among the partners proposed to them: the partner's
/// enrolment at a rank from 1 (first choice) to <see cref="MatchingSettings.MaxRankedPartners"/>.
/// </summary>
public sealed class PartnerPreference
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int EnrolmentId { get; set; }
    public int PartnerEnrolmentId { get; set; }
    public int Rank { get; set; }
    public DateTime RankedAtUtc { get; set; }

    /// <summary>
    /// What is wrong with a ranking, each problem with the index of the choice it is about (-1 for the whole form):
    /// a rank outside 1-5, a partner not proposed to this person, the same partner twice, two partners at one rank.
    /// A blank rank is no choice. Nothing is saved unless this is empty.
    /// </summary>
    public static IReadOnlyList<(int Index, string Message)> Problems(
        IReadOnlyList<(int PartnerId, int? Rank)> choices, IReadOnlyDictionary<int, string> proposed, IReadOnlySet<int> otherPrograms)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(otherPrograms);
        var problems = new List<(int, string)>();
        var seenPartner = new HashSet<int>();
        var atRank = new Dictionary<int, string>();
        for (var i = 0; i < choices.Count; i++)
        {
            var (partnerId, rank) = choices[i];
            if (rank is null or 0)
            {
                continue;
            }

            if (rank is < 1 or > MatchingSettings.MaxRankedPartners)
            {
                problems.Add((i, $"Choose a rank from 1 to {MatchingSettings.MaxRankedPartners}, or leave it blank."));
                continue;
            }

            if (!proposed.TryGetValue(partnerId, out var name))
            {
                problems.Add((i, otherPrograms.Contains(partnerId)
                    ? "That person is in another program; rank only people proposed to you here."
                    : "That person is not among the partners proposed to you; rank only the people listed."));
                continue;
            }

            if (!seenPartner.Add(partnerId))
            {
                problems.Add((i, $"{name} is ranked twice; give each person one rank."));
                continue;
            }

            if (atRank.TryGetValue(rank.Value, out var first))
            {
                problems.Add((i, $"Rank {rank} is already given to {first}; give each rank to one person."));
                continue;
            }

            atRank[rank.Value] = name;
        }

        return problems;
    }
}
