using ReverseMentoring.Web.Features.Dashboard.Facts;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// The figures that rest on sessions, ratings, pairs and enrolments, worked out in memory from the day facts of the
/// period and the lookups (ADR 0023), with the same meaning as the queries they replace (which stay as the reference the
/// tests compare with: EnrolledAsync, StagedAsync, HeldAsync, CadenceAsync, RatingsAsync and the rest).
/// </summary>
public static partial class UptakeDashboard
{
    /// <summary>Everything the figures and the summary take from sessions, ratings, pairs and enrolments.</summary>
    internal sealed record Core(
        List<EnrolledCount> Enrolled,
        List<StagedCount> Staged,
        Dictionary<int, int> MatchedMentees,
        int WaitCount,
        double? MedianDaysToMatch,
        List<HeldOnDay> HeldByDay,
        Dictionary<int, int> HeldByProgram,
        int HeldMinutes,
        List<CadenceCount> Cadence,
        List<MonthAverage> Months,
        OverallRating? Overall,
        Dictionary<int, ProgramRating> RatedByProgram,
        HashSet<int> SmallMonthPrograms,
        int GroupSize,
        int ActivePairsHeld);

    /// <summary>
    /// The scope in memory: people are filtered on their own enrolment; a pair counts when either side matches the
    /// department and job level; a group session when one of its member pairs counts.
    /// </summary>
    internal sealed class FactScope
    {
        private readonly bool[] _pairIn;

        public FactScope(DashboardLookups.Snapshot lookups, int? programId, string? department, string? jobLevel)
        {
            ArgumentNullException.ThrowIfNull(lookups);
            (ProgramId, Department, JobLevel) = (programId, Clean(department), Clean(jobLevel));
            ByPerson = Department is not null || JobLevel is not null;
            People = [.. lookups.Enrolments.Where(e => (ProgramId is null || e.ProgramId == ProgramId) && Matches(e))];
            var peopleIn = People.Select(e => e.Id).ToHashSet();
            _pairIn = new bool[lookups.PairById.Count];
            var pairs = new List<DashboardLookups.PairRow>();
            foreach (var p in lookups.Pairs)
            {
                if ((ProgramId is null || p.ProgramId == ProgramId)
                    && (!ByPerson || peopleIn.Contains(p.MentorEnrolmentId) || peopleIn.Contains(p.MenteeEnrolmentId)))
                {
                    _pairIn[p.Id] = true;
                    pairs.Add(p);
                }
            }

            Pairs = pairs;
        }

        public int? ProgramId { get; }

        public string? Department { get; }

        public string? JobLevel { get; }

        public bool ByPerson { get; }

        public IReadOnlyList<DashboardLookups.EnrolmentRow> People { get; }

        public IReadOnlyList<DashboardLookups.PairRow> Pairs { get; }

        /// <summary>The programs whose day facts are read: one, or all (null).</summary>
        public IReadOnlyCollection<int>? ProgramIds => ProgramId is { } id ? [id] : null;

        public bool Matches(DashboardLookups.EnrolmentRow? e) =>
            e is not null
            && (Department is null || string.Equals(e.Department, Department, StringComparison.Ordinal))
            && (JobLevel is null || string.Equals(e.JobLevel, JobLevel, StringComparison.Ordinal));

        /// <summary>Whether a pair's own sessions and ratings count (the day facts are already of the programs in scope).</summary>
        public bool Counts(int pairId) => !ByPerson || ((uint)pairId < (uint)_pairIn.Length && _pairIn[pairId]);

        public bool Counts(GroupSessionDay group) => !ByPerson || group.MemberPairIds.Any(Counts);
    }

    internal static Core CoreOf(DashboardLookups.Snapshot lookups, FactScope scope, IReadOnlyList<DayFacts> days, Period period)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);

        // Sessions and ratings of the period, from the day facts.
        var heldByDay = new Dictionary<DateOnly, int>();
        var heldByProgram = new Dictionary<int, int>();
        var heldMinutes = 0;
        var ownHeld = new Dictionary<int, int>();
        var groupHeld = new Dictionary<int, int>();
        var people = lookups.PersonCount;
        var months = new Dictionary<(int Year, int Month), Rated>();
        var programs = new Dictionary<int, Rated>();
        var programMonths = new Dictionary<(int ProgramId, int Year, int Month), int>();
        var overall = new Rated(people);
        foreach (var day in days)
        {
            if (day.Day < period.From || day.Day > period.To)
            {
                continue;
            }

            var held = 0;
            foreach (var p in day.Pairs)
            {
                if (p.Held > 0)
                {
                    ownHeld[p.PairId] = ownHeld.GetValueOrDefault(p.PairId) + p.Held;
                }

                if (!scope.Counts(p.PairId))
                {
                    continue;
                }

                held += p.Held;
                heldMinutes += p.HeldMinutes;
                if (p.Ratings > 0)
                {
                    var pair = lookups.Pair(p.PairId);
                    var mentor = p.MentorRatings > 0 ? lookups.Enrolment(pair?.MentorEnrolmentId ?? 0)?.Person ?? -1 : -1;
                    var mentee = p.MenteeRatings > 0 ? lookups.Enrolment(pair?.MenteeEnrolmentId ?? 0)?.Person ?? -1 : -1;
                    overall.Add(p.Ratings, p.RatingSum, mentor, mentee);
                    At(months, (day.Day.Year, day.Day.Month), people).Add(p.Ratings, p.RatingSum, mentor, mentee);
                    At(programs, day.ProgramId, people).Add(p.Ratings, p.RatingSum, mentor, mentee);

                    var key = (day.ProgramId, day.Day.Year, day.Day.Month);
                    programMonths[key] = programMonths.GetValueOrDefault(key) + p.Ratings;
                }
            }

            foreach (var g in day.GroupSessions)
            {
                if (g.Status != SessionStatus.Held)
                {
                    continue;
                }

                // A group session the pair's mentee came to is a meeting of that pair (cadence), whatever the filter.
                foreach (var pairId in g.AttendedPairIds.Distinct())
                {
                    groupHeld[pairId] = groupHeld.GetValueOrDefault(pairId) + 1;
                }

                if (scope.Counts(g))
                {
                    held++;
                    heldMinutes += g.Minutes;
                }
            }

            if (held > 0)
            {
                heldByDay[day.Day] = heldByDay.GetValueOrDefault(day.Day) + held;
                heldByProgram[day.ProgramId] = heldByProgram.GetValueOrDefault(day.ProgramId) + held;
            }
        }

        // People, as they stand at the end of the period.
        var enrolled = scope.People.Where(e => e.CreatedAtUtc < end).ToList();
        var enrolledCounts = enrolled
            .GroupBy(e => (e.ProgramId, e.Role))
            .Select(g => new EnrolledCount(g.Key.ProgramId, g.Key.Role, g.Count(), g.Count(e => e.Status == EnrolmentStatus.Approved)))
            .ToList();
        var matched = enrolled
            .Where(e => e.Role == ParticipantRole.Mentee && e.Status == EnrolmentStatus.Approved
                && lookups.FirstAcceptedOfMentee.TryGetValue(e.Id, out var accepted) && accepted < end)
            .GroupBy(e => e.ProgramId)
            .ToDictionary(g => g.Key, g => g.Count());

        // Pairs: stages, days to match, cadence.
        bool ActiveIn(DashboardLookups.PairRow p) => p.IsActive && ownHeld.ContainsKey(p.Id);
        var staged = new List<StagedCount>();
        foreach (var g in scope.Pairs.Where(p => p.ProposedAtUtc < end).GroupBy(p => p.ProgramId))
        {
            var (pairedMentors, pairedMentees, acceptedMentors, acceptedMentees) = (new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new HashSet<int>());
            var (activeMentors, activeMentees, completedMentors, completedMentees) = (new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new HashSet<int>());
            var activePairs = 0;
            foreach (var p in g)
            {
                var mentorIn = scope.Matches(lookups.Enrolment(p.MentorEnrolmentId));
                var menteeIn = scope.Matches(lookups.Enrolment(p.MenteeEnrolmentId));
                var accepted = p.IsStarted && p.AcceptedAtUtc < end;
                var active = ActiveIn(p);
                var completed = p.Status == PairStatus.Ended && p.Ending == PairEnding.Completed && p.EndedAtUtc < end;
                activePairs += active ? 1 : 0;
                void Side(bool isIn, int enrolmentId, HashSet<int> paired, HashSet<int> acceptedSet, HashSet<int> activeSet, HashSet<int> completedSet)
                {
                    if (!isIn)
                    {
                        return;
                    }

                    paired.Add(enrolmentId);
                    if (accepted)
                    {
                        acceptedSet.Add(enrolmentId);
                    }

                    if (active)
                    {
                        activeSet.Add(enrolmentId);
                    }

                    if (completed)
                    {
                        completedSet.Add(enrolmentId);
                    }
                }

                Side(mentorIn, p.MentorEnrolmentId, pairedMentors, acceptedMentors, activeMentors, completedMentors);
                Side(menteeIn, p.MenteeEnrolmentId, pairedMentees, acceptedMentees, activeMentees, completedMentees);
            }

            staged.Add(new StagedCount(
                g.Key, pairedMentors.Count, pairedMentees.Count, acceptedMentors.Count, acceptedMentees.Count,
                activeMentors.Count, activeMentees.Count, completedMentors.Count, completedMentees.Count, activePairs));
        }

        var waits = scope.Pairs
            .Where(p => p.IsStarted && p.AcceptedAtUtc < end)
            .Select(p => (Pair: p, Decided: lookups.Enrolment(p.MenteeEnrolmentId)?.DecidedAtUtc))
            .Where(x => x.Decided is not null)
            .Select(x => (double)(DateOnly.FromDateTime(x.Pair.AcceptedAtUtc!.Value).DayNumber - DateOnly.FromDateTime(x.Decided!.Value).DayNumber))
            .ToList();

        var (startDay, endDay) = (period.From.DayNumber, period.To.AddDays(1).DayNumber);
        var cadence = scope.Pairs
            .Where(p => p.IsStarted && p.AcceptedAtUtc < end && (p.EndedAtUtc == null || p.EndedAtUtc >= start)
                && lookups.ProgramById.ContainsKey(p.ProgramId))
            .GroupBy(p => p.ProgramId)
            .Select(g =>
            {
                var cadenceDays = lookups.ProgramById[g.Key].SessionCadenceDays;
                var meeting = g.Count(p =>
                {
                    var acceptedDay = DateOnly.FromDateTime(p.AcceptedAtUtc!.Value).DayNumber;
                    var endedDay = p.EndedAtUtc is { } ended ? DateOnly.FromDateTime(ended).DayNumber : endDay;
                    var activeDays = Math.Min(endedDay, endDay) - Math.Max(acceptedDay, startDay);
                    var expected = activeDays / cadenceDays;
                    var heldInPeriod = ownHeld.GetValueOrDefault(p.Id) + groupHeld.GetValueOrDefault(p.Id);
                    return heldInPeriod >= Math.Max(expected, 1);
                });
                return new CadenceCount(g.Key, g.Count(), meeting);
            })
            .ToList();

        return new Core(
            enrolledCounts,
            staged,
            matched,
            waits.Count,
            Median(waits),
            [.. heldByDay.Select(d => new HeldOnDay(d.Key.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), d.Value))],
            heldByProgram,
            heldMinutes,
            cadence,
            [.. months.Select(m => new MonthAverage(m.Key.Year, m.Key.Month, m.Value.Average, m.Value.Ratings, m.Value.Raters))],
            overall.Ratings == 0 ? null : new OverallRating(overall.Average, overall.Ratings, overall.Raters),
            programs.ToDictionary(p => p.Key, p => new ProgramRating(p.Key, p.Value.Average, p.Value.Ratings, p.Value.Raters)),
            [.. programMonths.Where(m => m.Value < PeopleCount.SmallestShown).Select(m => m.Key.ProgramId)],
            Distinct(enrolled.Select(e => e.Person), people),
            scope.Pairs.Count(ActiveIn));

        static Rated At<TKey>(Dictionary<TKey, Rated> byKey, TKey key, int people)
            where TKey : notnull
        {
            if (!byKey.TryGetValue(key, out var rated))
            {
                byKey[key] = rated = new Rated(people);
            }

            return rated;
        }

        static int Distinct(IEnumerable<int> persons, int people)
        {
            var seen = new Rated(people);
            foreach (var person in persons)
            {
                seen.Add(0, 0, person, -1);
            }

            return seen.Raters;
        }
    }

    /// <summary>
    /// Ratings added up: how many, their sum, and how many distinct people gave them, kept as one bit per person of the
    /// lookups (a person is a number there), which costs far less than a set of user ids over hundreds of thousands of ratings.
    /// </summary>
    private sealed class Rated(int people)
    {
        private readonly ulong[] _seen = new ulong[(people + 63) / 64];

        public int Ratings { get; private set; }

        public long Sum { get; private set; }

        /// <summary>Distinct people who gave them.</summary>
        public int Raters { get; private set; }

        public double Average => (double)Sum / Ratings;

        public void Add(int ratings, int sum, int mentor, int mentee)
        {
            Ratings += ratings;
            Sum += sum;
            See(mentor);
            See(mentee);
        }

        private void See(int person)
        {
            if (person < 0)
            {
                return;
            }

            ref var word = ref _seen[person >> 6];
            var bit = 1UL << (person & 63);
            if ((word & bit) == 0)
            {
                word |= bit;
                Raters++;
            }
        }
    }
}
