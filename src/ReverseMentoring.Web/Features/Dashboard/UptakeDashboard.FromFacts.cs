using System.Buffers;
using Microsoft.Extensions.Caching.Memory;
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

        // Enrolment ids as bits: a pass over a period's pairs asks of every side, and a set of strings compared per side
        // was a tenth of a department's first view.
        private readonly Bits _matching;
        private readonly Bits _peopleIn;

        public FactScope(DashboardLookups.Snapshot lookups, int? programId, string? department, string? jobLevel)
        {
            ArgumentNullException.ThrowIfNull(lookups);
            (ProgramId, Department, JobLevel) = (programId, Clean(department), Clean(jobLevel));
            ByPerson = Department is not null || JobLevel is not null;
            (_matching, _peopleIn) = (new Bits(lookups.EnrolmentById.Count), new Bits(lookups.EnrolmentById.Count));
            var people = new List<DashboardLookups.EnrolmentRow>();
            foreach (var e in lookups.Enrolments)
            {
                if (!Matches(e))
                {
                    continue;
                }

                _matching.Add(e.Id);
                if (ProgramId is null || e.ProgramId == ProgramId)
                {
                    people.Add(e);
                    _peopleIn.Add(e.Id);
                }
            }

            People = people;
            _pairIn = new bool[lookups.PairById.Count];
            var pairs = new List<DashboardLookups.PairRow>();
            foreach (var p in lookups.Pairs)
            {
                if ((ProgramId is null || p.ProgramId == ProgramId)
                    && (!ByPerson || _peopleIn.Contains(p.MentorEnrolmentId) || _peopleIn.Contains(p.MenteeEnrolmentId)))
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

        private ILookup<int, DashboardLookups.EnrolmentRow>? _peopleByProgram;
        private ILookup<int, DashboardLookups.PairRow>? _pairsByProgram;

        public IEnumerable<DashboardLookups.EnrolmentRow> PeopleIn(int programId) => (_peopleByProgram ??= People.ToLookup(e => e.ProgramId))[programId];

        public IEnumerable<DashboardLookups.PairRow> PairsIn(int programId) => (_pairsByProgram ??= Pairs.ToLookup(p => p.ProgramId))[programId];

        /// <summary>Every program with a part in the figures: the one chosen, or all of them and any its people or pairs belong to.</summary>
        public IEnumerable<int> ProgramIdsIn(DashboardLookups.Snapshot lookups) =>
            ProgramId is { } id
                ? [id]
                : lookups.ProgramById.Keys.Union(People.Select(e => e.ProgramId)).Union(Pairs.Select(p => p.ProgramId)).Order();

        /// <summary>Whether an enrolment is among <see cref="People"/>.</summary>
        public bool HasPerson(int enrolmentId) => _peopleIn.Contains(enrolmentId);

        /// <summary>Whether a pair is among <see cref="Pairs"/>.</summary>
        public bool HasPair(int pairId) => (uint)pairId < (uint)_pairIn.Length && _pairIn[pairId];

        /// <summary>Whether the enrolment with this id matches the department and job level, in whichever program.</summary>
        public bool Matches(int enrolmentId) => _matching.Contains(enrolmentId);

        public bool Matches(DashboardLookups.EnrolmentRow? e) =>
            e is not null
            && (Department is null || string.Equals(e.Department, Department, StringComparison.Ordinal))
            && (JobLevel is null || string.Equals(e.JobLevel, JobLevel, StringComparison.Ordinal));

        /// <summary>Whether a pair's own sessions and ratings count (the day facts are already of the programs in scope).</summary>
        public bool Counts(int pairId) => !ByPerson || HasPair(pairId);

        public bool Counts(GroupSessionDay group) => !ByPerson || group.MemberPairIds.Any(Counts);
    }

    /// <summary>The figures of a scope and period: one part per program worked out from its day facts, added up.</summary>
    internal static Core CoreOf(DashboardLookups.Snapshot lookups, FactScope scope, IReadOnlyList<DayFacts> days, Period period)
    {
        ArgumentNullException.ThrowIfNull(lookups);
        ArgumentNullException.ThrowIfNull(scope);
        var byProgram = days.ToLookup(d => d.ProgramId);
        var programIds = scope.ProgramIdsIn(lookups).Union(byProgram.Select(g => g.Key));
        return CoreOf([.. programIds.Select(id => PartOf(lookups, scope, id, [.. byProgram[id]], period))], lookups.PersonCount);
    }

    /// <summary>
    /// The figures of a scope and period, each program's part reused while that program's facts and lookups have not
    /// moved: a session or rating saved in one program works out that program's part again and adds the parts up,
    /// rather than reading and counting the facts of every program (ADR 0023, "Parts per program").
    /// </summary>
    internal static async Task<Core> CoreOfAsync(FigureSources sources, FactScope scope, Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(scope);
        var programIds = scope.ProgramIdsIn(sources.Lookups).ToList();
        var slots = programIds.Select(id => (nameof(CorePart), id, scope.Department, scope.JobLevel, period.From, period.To)).ToList();
        var parts = new CorePart?[programIds.Count];
        var missing = new List<int>();
        for (var i = 0; i < programIds.Count; i++)
        {
            if (sources.Reused<CorePart>(slots[i], sources.PartKeyOf(programIds[i])) is { } part)
            {
                parts[i] = part;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            // One read (and one fold) for every program whose part moved, rather than one each.
            var days = await sources.DaysAsync([.. missing.Select(i => programIds[i])], period, cancellationToken);
            foreach (var i in missing)
            {
                parts[i] = PartOf(sources.Lookups, scope, programIds[i], days[programIds[i]], period);
                sources.Keep(slots[i], sources.PartKeyOf(programIds[i]), parts[i]!);
            }
        }

        return CoreOf([.. parts.OfType<CorePart>()], sources.Lookups.PersonCount);
    }

    /// <summary>
    /// What one program gives the figures of a scope and period, kept so that parts of several programs add up: counts
    /// and sums, the waits to match as a list (for the median), and the distinct people behind each group of ratings and
    /// behind the group size as their numbers (<see cref="DashboardLookups.EnrolmentRow.Person"/>).
    /// </summary>
    internal sealed record CorePart(
        int ProgramId,
        Dictionary<DateOnly, int> HeldByDay,
        int Held,
        int HeldMinutes,
        RatedPart Ratings,
        Dictionary<(int Year, int Month), RatedPart> Months,
        List<EnrolledCount> Enrolled,
        StagedCount? Staged,
        int MatchedMentees,
        List<double> Waits,
        CadenceCount? Cadence,
        int[] People,
        int ActivePairsHeld);

    /// <summary>Ratings of a part: how many, their sum, and the numbers of the distinct people who gave them.</summary>
    internal sealed record RatedPart(int Ratings, long Sum, int[] Raters);

    internal static CorePart PartOf(DashboardLookups.Snapshot lookups, FactScope scope, int programId, IReadOnlyList<DayFacts> days, Period period)
    {
        ArgumentNullException.ThrowIfNull(lookups);

        // By pair id, as the lookups number pairs: a day loop over hundreds of thousands of pair-days spends its time here.
        // Rented, as every other working set of this method is kept below the large-object size: a computation calls it
        // for each program and period, and large arrays thrown away after each call are freed only by full collections.
        var ownHeld = ArrayPool<int>.Shared.Rent(lookups.PairById.Count);
        var groupHeld = ArrayPool<int>.Shared.Rent(lookups.PairById.Count);
        Array.Clear(ownHeld);
        Array.Clear(groupHeld);
        try
        {
            return PartOf(lookups, scope, programId, days, period, ownHeld, groupHeld);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ownHeld);
            ArrayPool<int>.Shared.Return(groupHeld);
        }
    }

    private static CorePart PartOf(
        DashboardLookups.Snapshot lookups, FactScope scope, int programId, IReadOnlyList<DayFacts> days, Period period, int[] ownHeld, int[] groupHeld)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var heldByDay = new Dictionary<DateOnly, int>();
        var (heldInProgram, heldMinutes) = (0, 0);

        // Sessions and ratings of the period, from the day facts.
        int HeldOf(int pairId, int[] held) => (uint)pairId < (uint)held.Length ? held[pairId] : 0;
        var people = lookups.PersonCount;
        var months = new Dictionary<(int Year, int Month), Rated>();
        var rated = new Rated(people);
        foreach (var day in days)
        {
            if (day.ProgramId != programId || day.Day < period.From || day.Day > period.To)
            {
                continue;
            }

            var held = 0;
            Rated? month = null;
            foreach (var p in day.Pairs)
            {
                if (p.Held > 0 && (uint)p.PairId < (uint)ownHeld.Length)
                {
                    ownHeld[p.PairId] += p.Held;
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
                    rated.Add(p.Ratings, p.RatingSum, mentor, mentee);
                    if (month is null && !months.TryGetValue((day.Day.Year, day.Day.Month), out month))
                    {
                        months[(day.Day.Year, day.Day.Month)] = month = new Rated(people);
                    }

                    month.Add(p.Ratings, p.RatingSum, mentor, mentee);
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
                    if ((uint)pairId < (uint)groupHeld.Length)
                    {
                        groupHeld[pairId]++;
                    }
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
                heldInProgram += held;
            }
        }

        // People, as they stand at the end of the period.
        var (mentors, approvedMentors, mentees, approvedMentees, matched) = (0, 0, 0, 0, 0);
        var persons = new Rated(people);
        foreach (var e in scope.PeopleIn(programId))
        {
            if (e.CreatedAtUtc >= end)
            {
                continue;
            }

            var approved = e.Status == EnrolmentStatus.Approved;
            if (e.Role == ParticipantRole.Mentor)
            {
                (mentors, approvedMentors) = (mentors + 1, approvedMentors + (approved ? 1 : 0));
            }
            else
            {
                (mentees, approvedMentees) = (mentees + 1, approvedMentees + (approved ? 1 : 0));
                if (approved && lookups.FirstAcceptedOfMentee.TryGetValue(e.Id, out var accepted) && accepted < end)
                {
                    matched++;
                }
            }

            persons.Add(0, 0, e.Person, -1);
        }

        var enrolledCounts = new List<EnrolledCount>();
        if (mentors > 0)
        {
            enrolledCounts.Add(new EnrolledCount(programId, ParticipantRole.Mentor, mentors, approvedMentors));
        }

        if (mentees > 0)
        {
            enrolledCounts.Add(new EnrolledCount(programId, ParticipantRole.Mentee, mentees, approvedMentees));
        }

        // Pairs: stages, days to match, cadence. Distinct people by enrolment id as bits, not sets.
        var pairs = scope.PairsIn(programId);
        bool ActiveIn(DashboardLookups.PairRow p) => p.IsActive && HeldOf(p.Id, ownHeld) > 0;
        StagedCount? staged = null;
        var enrolmentIds = lookups.EnrolmentById.Count;
        var (pairedMentors, pairedMentees, acceptedMentors, acceptedMentees) = (new Bits(enrolmentIds), new Bits(enrolmentIds), new Bits(enrolmentIds), new Bits(enrolmentIds));
        var (activeMentors, activeMentees, completedMentors, completedMentees) = (new Bits(enrolmentIds), new Bits(enrolmentIds), new Bits(enrolmentIds), new Bits(enrolmentIds));
        var (proposed, activePairs) = (0, 0);
        foreach (var p in pairs)
        {
            if (!(p.ProposedAtUtc < end))
            {
                continue;
            }

            proposed++;
            var mentorIn = scope.Matches(p.MentorEnrolmentId);
            var menteeIn = scope.Matches(p.MenteeEnrolmentId);
            var accepted = p.IsStarted && p.AcceptedAtUtc < end;
            var active = ActiveIn(p);
            var completed = p.Status == PairStatus.Ended && p.Ending == PairEnding.Completed && p.EndedAtUtc < end;
            activePairs += active ? 1 : 0;
            void Side(bool isIn, int enrolmentId, Bits paired, Bits acceptedSet, Bits activeSet, Bits completedSet)
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

        if (proposed > 0)
        {
            staged = new StagedCount(
                programId, pairedMentors.Count, pairedMentees.Count, acceptedMentors.Count, acceptedMentees.Count,
                activeMentors.Count, activeMentees.Count, completedMentors.Count, completedMentees.Count, activePairs);
        }

        var waits = pairs
            .Where(p => p.IsStarted && p.AcceptedAtUtc < end)
            .Select(p => (Pair: p, Decided: lookups.Enrolment(p.MenteeEnrolmentId)?.DecidedAtUtc))
            .Where(x => x.Decided is not null)
            .Select(x => (double)(DateOnly.FromDateTime(x.Pair.AcceptedAtUtc!.Value).DayNumber - DateOnly.FromDateTime(x.Decided!.Value).DayNumber))
            .ToList();

        var activeHeld = pairs.Count(ActiveIn);
        CadenceCount? cadence = null;
        var (startDay, endDay) = (period.From.DayNumber, period.To.AddDays(1).DayNumber);
        if (lookups.ProgramById.TryGetValue(programId, out var program))
        {
            var (running, meeting) = (0, 0);
            foreach (var p in pairs)
            {
                if (!(p.IsStarted && p.AcceptedAtUtc < end && (p.EndedAtUtc == null || p.EndedAtUtc >= start)))
                {
                    continue;
                }

                running++;
                var acceptedDay = DateOnly.FromDateTime(p.AcceptedAtUtc!.Value).DayNumber;
                var endedDay = p.EndedAtUtc is { } ended ? DateOnly.FromDateTime(ended).DayNumber : endDay;
                var activeDays = Math.Min(endedDay, endDay) - Math.Max(acceptedDay, startDay);
                var expected = activeDays / program.SessionCadenceDays;
                var heldInPeriod = HeldOf(p.Id, ownHeld) + HeldOf(p.Id, groupHeld);
                meeting += heldInPeriod >= Math.Max(expected, 1) ? 1 : 0;
            }

            cadence = running > 0 ? new CadenceCount(programId, running, meeting) : null;
        }

        return new CorePart(
            programId, heldByDay, heldInProgram, heldMinutes, rated.ToPart(), months.ToDictionary(m => m.Key, m => m.Value.ToPart()),
            enrolledCounts, staged, matched, waits, cadence, persons.ToPart().Raters, activeHeld);
    }

    /// <summary>The parts of several programs added up: distinct people are counted once across programs.</summary>
    internal static Core CoreOf(IReadOnlyList<CorePart> parts, int people)
    {
        var heldByDay = new Dictionary<DateOnly, int>();
        var heldByProgram = new Dictionary<int, int>();
        var months = new Dictionary<(int Year, int Month), Rated>();
        var programs = new Dictionary<int, ProgramRating>();
        var smallMonthPrograms = new HashSet<int>();
        var matched = new Dictionary<int, int>();
        var (overall, persons) = (new Rated(people), new Rated(people));
        foreach (var part in parts)
        {
            foreach (var (day, held) in part.HeldByDay)
            {
                heldByDay[day] = heldByDay.GetValueOrDefault(day) + held;
            }

            if (part.Held > 0)
            {
                heldByProgram[part.ProgramId] = part.Held;
            }

            if (part.Ratings.Ratings > 0)
            {
                overall.Add(part.Ratings);
                programs[part.ProgramId] = new ProgramRating(
                    part.ProgramId, (double)part.Ratings.Sum / part.Ratings.Ratings, part.Ratings.Ratings, part.Ratings.Raters.Length);
            }

            foreach (var (key, month) in part.Months)
            {
                if (!months.TryGetValue(key, out var all))
                {
                    months[key] = all = new Rated(people);
                }

                all.Add(month);
                if (month.Ratings < PeopleCount.SmallestShown)
                {
                    smallMonthPrograms.Add(part.ProgramId);
                }
            }

            if (part.MatchedMentees > 0)
            {
                matched[part.ProgramId] = part.MatchedMentees;
            }

            persons.Add(new RatedPart(0, 0, part.People));
        }

        var waits = parts.Sum(p => p.Waits.Count);
        return new Core(
            [.. parts.SelectMany(p => p.Enrolled)],
            [.. parts.Select(p => p.Staged).OfType<StagedCount>()],
            matched,
            waits,
            Median(parts.SelectMany(p => p.Waits), waits),
            [.. heldByDay.Select(d => new HeldOnDay(d.Key.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), d.Value))],
            heldByProgram,
            parts.Sum(p => p.HeldMinutes),
            [.. parts.Select(p => p.Cadence).OfType<CadenceCount>()],
            [.. months.Select(m => new MonthAverage(m.Key.Year, m.Key.Month, m.Value.Average, m.Value.Ratings, m.Value.Raters))],
            overall.Ratings == 0 ? null : new OverallRating(overall.Average, overall.Ratings, overall.Raters),
            programs,
            smallMonthPrograms,
            persons.Raters,
            parts.Sum(p => p.ActivePairsHeld));
    }

    /// <summary>
    /// Distinct numbers below a known bound (people, enrolments), as bits: a set of tens of thousands of ids costs a large
    /// array each. Numbers outside the bound (-1 for "nobody") are not counted.
    /// </summary>
    private sealed class Bits(int bound)
    {
        private readonly ulong[] _words = new ulong[(bound + 63) / 64];

        public int Count { get; private set; }

        public void Add(int number)
        {
            if ((uint)number >= (uint)bound)
            {
                return;
            }

            ref var word = ref _words[number >> 6];
            var bit = 1UL << (number & 63);
            if ((word & bit) == 0)
            {
                word |= bit;
                Count++;
            }
        }

        public bool Contains(int number) => (uint)number < (uint)bound && (_words[number >> 6] & (1UL << (number & 63))) != 0;

        /// <summary>The numbers added, in order.</summary>
        public int[] ToArray()
        {
            var numbers = new int[Count];
            var next = 0;
            for (var i = 0; i < _words.Length && next < numbers.Length; i++)
            {
                for (var word = _words[i]; word != 0; word &= word - 1)
                {
                    numbers[next++] = (i << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                }
            }

            return numbers;
        }
    }

    /// <summary>
    /// Ratings added up: how many, their sum, and how many distinct people gave them, kept as one bit per person of the
    /// lookups (a person is a number there), which costs far less than a set of user ids over hundreds of thousands of ratings.
    /// </summary>
    private sealed class Rated(int people)
    {
        private readonly Bits _seen = new(people);

        public int Ratings { get; private set; }

        public long Sum { get; private set; }

        /// <summary>Distinct people who gave them.</summary>
        public int Raters => _seen.Count;

        public double Average => (double)Sum / Ratings;

        public void Add(int ratings, int sum, int mentor, int mentee)
        {
            Ratings += ratings;
            Sum += sum;
            _seen.Add(mentor);
            _seen.Add(mentee);
        }

        /// <summary>Adds a part's ratings; a person already seen in another part counts once.</summary>
        public void Add(RatedPart part)
        {
            Ratings += part.Ratings;
            Sum += part.Sum;
            foreach (var person in part.Raters)
            {
                _seen.Add(person);
            }
        }

        public RatedPart ToPart() => new(Ratings, Sum, _seen.ToArray());
    }
}
