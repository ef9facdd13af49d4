using System.Globalization;
using System.Numerics;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Pairing.Engine;

/// <summary>
/// A round's people flattened into arrays (codes instead of strings, weekly availability as UTC bitmasks)
/// so that scoring every mentor against every mentee stays cheap.
/// </summary>
internal sealed class Population
{
    /// <summary>Each part of a score is worth 0 to this many points before its weight.</summary>
    public const int Part = 1000;

    /// <summary>The weight of the cross-department part when the program prefers cross-department pairs.</summary>
    public const int CrossDepartmentWeight = 2;

    /// <summary>Three hours a week in common earns the full availability part.</summary>
    public const int FullOverlapHalfHours = 6;

    /// <summary>Three shared interests earn the full interest part.</summary>
    public const int FullSharedInterests = 3;

    /// <summary>Twelve hours apart is the furthest two clocks can be; it scores nothing.</summary>
    public const int HalfDayMinutes = 720;

    public const int Forbidden = -1;
    public const int BelowMinimum = -2;

    private const int Words = 6;
    private const int MinutesPerWeek = 7 * 24 * 60;
    private const int HalfHoursPerWeek = MinutesPerWeek / 30;
    private const int AllFormats = (int)(SessionFormats.InPerson | SessionFormats.Virtual | SessionFormats.Group);
    private const int NoEmail = -2;
    private const int NoBoss = -1;

    private readonly int[] _offset;
    private readonly int[] _formats;
    private readonly int[] _department;
    private readonly int[] _email;
    private readonly int[] _ancestorStart;
    private readonly int[] _ancestorCode;
    private readonly string[] _departmentNames;
    private readonly bool _separateDepartments;
    private readonly ulong[] _availability;
    private readonly int[] _skillStart;
    private readonly int[] _skillCode;
    private readonly int[] _skillLevel;
    private readonly int[] _interestStart;
    private readonly int[] _interestCode;
    private readonly int[] _skillIds;
    private readonly string[] _interestWords;
    private readonly int _programFormats;
    private readonly int _programFormatCount;
    private readonly int _maxGapMinutes;
    private readonly int _minimumPercent;
    private readonly int _skillWeight;
    private readonly int _availabilityWeight;
    private readonly int _timeZoneWeight;
    private readonly int _formatWeight;
    private readonly int _interestWeight;
    private readonly int _crossDepartmentWeight;
    private readonly int _minimumPoints;
    private readonly int[] _zone;
    private readonly int[] _zoneOffsets;
    private readonly int _maxSkillsPerPerson;
    private readonly int[] _availabilityPoints;
    private readonly int[] _formatPoints;
    private readonly int[] _interestPoints;

    public Population(PairingRound round)
    {
        Round = round;
        var people = round.Candidates;
        var count = people.Count;
        var settings = round.Settings;
        _skillWeight = Math.Clamp(settings.SkillWeight, 0, MatchingSettings.MaxWeight);
        _availabilityWeight = Math.Clamp(settings.AvailabilityWeight, 0, MatchingSettings.MaxWeight);
        _timeZoneWeight = Math.Clamp(settings.TimeZoneWeight, 0, MatchingSettings.MaxWeight);
        _formatWeight = Math.Clamp(settings.FormatWeight, 0, MatchingSettings.MaxWeight);
        _interestWeight = Math.Clamp(settings.InterestWeight, 0, MatchingSettings.MaxWeight);
        _crossDepartmentWeight = settings.PreferCrossDepartment ? CrossDepartmentWeight : 0;
        BestPairScore = Part * (_skillWeight + _availabilityWeight + _timeZoneWeight + _formatWeight + _interestWeight + _crossDepartmentWeight);
        _maxGapMinutes = settings.MaxTimeZoneGapHours is { } hours ? Math.Max(0, hours) * 60 : int.MaxValue;
        _minimumPercent = Math.Clamp(settings.MinimumScorePercent, 0, 100);
        _programFormats = (int)round.ProgramFormats & AllFormats;
        _programFormatCount = BitOperations.PopCount((uint)_programFormats);

        IndexOfId = new Dictionary<int, int>(count);
        var mentors = new List<int>();
        var mentees = new List<int>();
        for (var c = 0; c < count; c++)
        {
            if (!IndexOfId.TryAdd(people[c].Id, c))
            {
                Warnings.Add($"Candidate {people[c].Id} appears twice; only the first is used.");
                continue;
            }

            (people[c].Role == ParticipantRole.Mentor ? mentors : mentees).Add(c);
        }

        Mentors = [.. mentors];
        Mentees = [.. mentees];

        _offset = new int[count];
        _formats = new int[count];
        _department = new int[count];
        _email = new int[count];
        _ancestorStart = new int[count + 1];
        _availability = new ulong[count * Words];
        var emails = new Dictionary<string, int>(StringComparer.Ordinal);
        var departments = new Dictionary<string, int>(StringComparer.Ordinal);
        var zones = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < count; c++)
        {
            var person = people[c];
            _offset[c] = OffsetMinutes(person.TimeZoneId, round.AtUtc, zones);
            _formats[c] = (int)person.Formats & AllFormats;
            _department[c] = Code(departments, Normal(person.Department), -1);
            _email[c] = Code(emails, Normal(person.Email), NoEmail);
            FillAvailability(person.Availability, _offset[c], _availability.AsSpan(c * Words, Words));
        }

        _departmentNames = new string[departments.Count];
        foreach (var person in people)
        {
            var code = Code(departments, Normal(person.Department), -1);
            if (code >= 0)
            {
                _departmentNames[code] ??= person.Department.Trim();
            }
        }

        // The chain above each person, up to the program's depth, computed once: the org chart where it has the person,
        // else the manager given at enrolment (a manager's own manager then comes from the first enrolment with that e-mail).
        Depth = settings.ReportingLineDepth is { } depth ? Math.Max(1, depth) : null;
        _separateDepartments = settings.SeparateDepartments;
        Lines = new ReportingLines(round.OrgChart.Select(l => (l.Email, l.ManagerEmail)));
        var onChart = new HashSet<string>(round.OrgChart.Select(l => OrgChartEntry.Normalize(l.Email)), StringComparer.Ordinal);
        foreach (var person in people)
        {
            Lines.Add(person.Email, person.ManagerEmail);
        }

        var ancestors = new List<int>();
        for (var c = 0; c < count; c++)
        {
            _ancestorStart[c] = ancestors.Count;
            var person = people[c];
            var chain = !string.IsNullOrWhiteSpace(person.Email) && onChart.Contains(OrgChartEntry.Normalize(person.Email))
                ? Lines.Chain(person.Email, Depth)
                : Lines.Above(person.ManagerEmail, person.Email, Depth);
            foreach (var manager in chain)
            {
                ancestors.Add(Code(emails, Normal(manager), NoBoss));
            }
        }

        _ancestorStart[count] = ancestors.Count;
        _ancestorCode = [.. ancestors];

        (_skillStart, _skillCode, _skillLevel, _skillIds) = FlattenSkills(people);
        (_interestStart, _interestCode, _interestWords) = FlattenInterests(people);
        var offsets = _offset.Distinct().Order().ToArray();
        _zoneOffsets = offsets;
        _zone = [.. _offset.Select(o => Array.BinarySearch(offsets, o))];
        _minimumPoints = (int)(((long)_minimumPercent * BestPairScore + 99) / 100);
        _maxSkillsPerPerson = Enumerable.Range(0, count).Select(c => _skillStart[c + 1] - _skillStart[c]).DefaultIfEmpty(0).Max();
        var maxInterests = Enumerable.Range(0, count).Select(c => _interestStart[c + 1] - _interestStart[c]).DefaultIfEmpty(0).Max();
        _availabilityPoints = [.. Enumerable.Range(0, HalfHoursPerWeek + 1).Select(o => _availabilityWeight * AvailabilityPart(o))];
        _formatPoints = [.. Enumerable.Range(0, AllFormats + 1).Select(f => _formatWeight * FormatPart(f))];
        _interestPoints = [.. Enumerable.Range(0, maxInterests + 1).Select(i => _interestWeight * InterestPart(i))];
        foreach (var (zone, _) in zones.Where(z => z.Value == int.MinValue))
        {
            Warnings.Add($"Unknown time zone '{zone}' is read as UTC.");
        }
    }

    public PairingRound Round { get; }

    /// <summary>Candidate positions of the mentors, in input order.</summary>
    public int[] Mentors { get; }

    /// <summary>Candidate positions of the mentees, in input order.</summary>
    public int[] Mentees { get; }

    public Dictionary<int, int> IndexOfId { get; }

    public int BestPairScore { get; }

    public List<string> Warnings { get; } = [];

    public int SkillCodeCount => _skillIds.Length;

    public int InterestCodeCount => _interestWords.Length;

    public PairingCandidate this[int candidate] => Round.Candidates[candidate];

    /// <summary>How far up the reporting line the rule reaches; null is the whole chain.</summary>
    public int? Depth { get; }

    /// <summary>Who reports to whom: the org chart, then the managers given at enrolment.</summary>
    public ReportingLines Lines { get; }

    /// <summary>Mentee × mentor: a pair's score, or <see cref="Forbidden"/> or <see cref="BelowMinimum"/>; bans and declines are the caller's.</summary>
    public int[] ScoreAll(int[] menteeRows)
    {
        var mentors = new MentorColumns(this);
        var m = Mentors.Length;
        var scores = new int[menteeRows.Length * m];
        Parallel.For(
            0,
            menteeRows.Length,
            () => new Scratch(SkillCodeCount, InterestCodeCount, _zoneOffsets.Length, _maxSkillsPerPerson, m),
            (r, _, scratch) =>
            {
                ScoreRow(menteeRows[r], scores.AsSpan(r * m, m), mentors, scratch);
                return scratch;
            },
            _ => { });
        return scores;
    }

    /// <summary>One pair's score, or <see cref="Forbidden"/> or <see cref="BelowMinimum"/>; bans and declines are the caller's.</summary>
    public int ScoreOne(int mentor, int mentee)
    {
        if (SameReportingLine(mentor, mentee) || SameDepartmentForbidden(mentor, mentee) || (_formats[mentor] & _formats[mentee] & _programFormats) == 0
            || Gap(_offset[mentor], _offset[mentee]) > _maxGapMinutes)
        {
            return Forbidden;
        }

        var points = Parts(mentor, mentee).Points;
        return points < _minimumPoints ? BelowMinimum : points;
    }

    /// <summary>The hard rule the pair breaks, in HR's words, or null; the same tests as <see cref="ScoreOne"/>.</summary>
    public string? HardRuleBroken(int mentor, int mentee) =>
        OrgRuleBroken(mentor, mentee)
        ?? ((_formats[mentor] & _formats[mentee] & _programFormats) == 0 ? "they have no way of meeting in common that the program uses"
        : Gap(_offset[mentor], _offset[mentee]) > _maxGapMinutes ? $"their time zones are more than {_maxGapMinutes / 60} hours apart"
        : null);

    /// <summary>
    /// The reporting-line or department rule the pair breaks, naming the people ("Dana is 3 levels above Sam in the
    /// reporting line", "same department: Finance"), or null.
    /// </summary>
    public string? OrgRuleBroken(int mentor, int mentee)
    {
        if (StepsAbove(mentor, mentee) is { } down)
        {
            return $"{NameOf(mentor, "the mentor")} is {Levels(down)} above {NameOf(mentee, "the mentee")} in the reporting line";
        }

        if (StepsAbove(mentee, mentor) is { } up)
        {
            return $"{NameOf(mentee, "the mentee")} is {Levels(up)} above {NameOf(mentor, "the mentor")} in the reporting line";
        }

        return SameDepartmentForbidden(mentor, mentee) ? $"same department: {_departmentNames[_department[mentor]]}" : null;
    }

    /// <summary>Why nobody is left for this person when the org rules are to blame: how many partners each rule rules out.</summary>
    public string? OrgRulesLeaveNoPartner(int person, IEnumerable<int> partners)
    {
        var (line, department) = (0, 0);
        foreach (var other in partners)
        {
            var (mentor, mentee) = this[person].Role == ParticipantRole.Mentor ? (person, other) : (other, person);
            if (SameReportingLine(mentor, mentee))
            {
                line++;
            }
            else if (SameDepartmentForbidden(mentor, mentee))
            {
                department++;
            }
        }

        if (line + department == 0)
        {
            return null;
        }

        var reach = Depth is { } depth ? $"within {Levels(depth)}" : "anywhere in the chain";
        var parts = new List<string>(2);
        if (line > 0)
        {
            parts.Add($"{line} in their reporting line ({reach})");
        }

        if (department > 0)
        {
            parts.Add($"{department} in their own department ({_departmentNames[_department[person]]})");
        }

        return $"the program's org rules rule out {string.Join(" and ", parts)}";
    }

    public bool SameReportingLine(int mentor, int mentee) => StepsAbove(mentor, mentee) is not null || StepsAbove(mentee, mentor) is not null;

    public bool SameDepartmentForbidden(int mentor, int mentee) =>
        _separateDepartments && _department[mentor] >= 0 && _department[mentor] == _department[mentee];

    /// <summary>How many steps <paramref name="senior"/> is above <paramref name="junior"/> within the depth, or null.</summary>
    private int? StepsAbove(int senior, int junior)
    {
        var email = _email[senior];
        if (email < 0)
        {
            return null;
        }

        for (var t = _ancestorStart[junior]; t < _ancestorStart[junior + 1]; t++)
        {
            if (_ancestorCode[t] == email)
            {
                return t - _ancestorStart[junior] + 1;
            }
        }

        return null;
    }

    private string NameOf(int candidate, string fallback) =>
        string.IsNullOrWhiteSpace(this[candidate].Name) ? fallback : this[candidate].Name;

    private static string Levels(int steps) => steps == 1 ? "1 level" : $"{steps} levels";

    public int Percent(int points) => BestPairScore == 0 ? 0 : (int)(points * 100L / BestPairScore);

    /// <summary>
    /// The same sum as <see cref="Parts"/>, with every part looked up in a table of weighted points: this loop
    /// runs once per mentor-mentee pair, millions of times for a large program.
    /// </summary>
    private void ScoreRow(int mentee, Span<int> row, MentorColumns mentors, Scratch scratch)
    {
        var want = scratch.Want;
        var interest = scratch.Interest;
        var wanted = 0;
        for (var k = _skillStart[mentee]; k < _skillStart[mentee + 1]; k++)
        {
            want[_skillCode[k]] = (byte)_skillLevel[k];
            wanted++;
        }

        for (var k = _interestStart[mentee]; k < _interestStart[mentee + 1]; k++)
        {
            interest[_interestCode[k]] = true;
        }

        var skillPoints = scratch.SkillPoints;
        for (var fit = 0; fit <= 8 * wanted; fit++)
        {
            skillPoints[fit] = _skillWeight * SkillPart(fit, wanted);
        }

        var zonePoints = scratch.ZonePoints;
        for (var z = 0; z < _zoneOffsets.Length; z++)
        {
            var gap = Gap(_zoneOffsets[z], _offset[mentee]);
            zonePoints[z] = gap > _maxGapMinutes ? Forbidden : _timeZoneWeight * TimeZonePart(gap);
        }

        // Mentors in the mentee's chain and mentors below the mentee are marked once, so the loop below tests one stamp.
        var blocked = scratch.Blocked;
        var stamp = ++scratch.Stamp;
        for (var t = _ancestorStart[mentee]; t < _ancestorStart[mentee + 1]; t++)
        {
            if (mentors.WithEmail.TryGetValue(_ancestorCode[t], out var above))
            {
                foreach (var k in above)
                {
                    blocked[k] = stamp;
                }
            }
        }

        if (_email[mentee] >= 0 && mentors.Below.TryGetValue(_email[mentee], out var below))
        {
            foreach (var k in below)
            {
                blocked[k] = stamp;
            }
        }

        var separate = _separateDepartments;
        var formats = _formats[mentee] & _programFormats;
        var department = _department[mentee];
        var own = _availability.AsSpan(mentee * Words, Words);
        var (a0, a1, a2, a3, a4, a5) = (own[0], own[1], own[2], own[3], own[4], own[5]);
        var availabilityPoints = _availabilityPoints;
        var formatPoints = _formatPoints;
        var interestPoints = _interestPoints;
        var crossPoints = _crossDepartmentWeight * Part;
        var minimum = _minimumPoints;
        var (mFormats, mZone, mDepartment) = (mentors.Formats, mentors.Zone, mentors.Department);
        var (mAvailability, mSkillStart, mSkillCode, mSkillLevel, mInterestStart, mInterestCode) =
            (mentors.Availability, mentors.SkillStart, mentors.SkillCode, mentors.SkillLevel, mentors.InterestStart, mentors.InterestCode);
        for (var k = 0; k < row.Length; k++)
        {
            var common = mFormats[k] & formats;
            var zone = zonePoints[mZone[k]];
            if (common == 0 || zone < 0 || blocked[k] == stamp || (separate && department >= 0 && department == mDepartment[k]))
            {
                row[k] = Forbidden;
                continue;
            }

            var fit = 0;
            for (var t = mSkillStart[k]; t < mSkillStart[k + 1]; t++)
            {
                int level = want[mSkillCode[t]];
                if (level != 0)
                {
                    fit += mSkillLevel[t] - level + 4;
                }
            }

            var shared = 0;
            for (var t = mInterestStart[k]; t < mInterestStart[k + 1]; t++)
            {
                if (interest[mInterestCode[t]])
                {
                    shared++;
                }
            }

            var b = k * Words;
            var overlap = BitOperations.PopCount(mAvailability[b] & a0) + BitOperations.PopCount(mAvailability[b + 1] & a1)
                + BitOperations.PopCount(mAvailability[b + 2] & a2) + BitOperations.PopCount(mAvailability[b + 3] & a3)
                + BitOperations.PopCount(mAvailability[b + 4] & a4) + BitOperations.PopCount(mAvailability[b + 5] & a5);
            var points = skillPoints[fit] + availabilityPoints[overlap] + zone + formatPoints[common] + interestPoints[shared]
                + (department >= 0 && mDepartment[k] >= 0 && department != mDepartment[k] ? crossPoints : 0);
            row[k] = points < minimum ? BelowMinimum : points;
        }

        for (var k = _skillStart[mentee]; k < _skillStart[mentee + 1]; k++)
        {
            want[_skillCode[k]] = 0;
        }

        for (var k = _interestStart[mentee]; k < _interestStart[mentee + 1]; k++)
        {
            interest[_interestCode[k]] = false;
        }
    }

    private static int SkillPart(int fit, int wanted) => wanted == 0 ? 0 : fit * Part / (8 * wanted);

    private static int AvailabilityPart(int overlapHalfHours) => Math.Min(overlapHalfHours, FullOverlapHalfHours) * Part / FullOverlapHalfHours;

    private static int TimeZonePart(int gapMinutes) => (HalfDayMinutes - gapMinutes) * Part / HalfDayMinutes;

    private int FormatPart(int common) => common == 0 ? 0 : BitOperations.PopCount((uint)common) * Part / _programFormatCount;

    private static int InterestPart(int shared) => Math.Min(shared, FullSharedInterests) * Part / FullSharedInterests;

    private int CrossDepartmentPart(int mentor, int mentee) =>
        _department[mentor] >= 0 && _department[mentee] >= 0 && _department[mentor] != _department[mentee] ? Part : 0;

    private int Overlap(int mentor, int mentee)
    {
        var a = _availability.AsSpan(mentor * Words, Words);
        var b = _availability.AsSpan(mentee * Words, Words);
        return BitOperations.PopCount(a[0] & b[0]) + BitOperations.PopCount(a[1] & b[1]) + BitOperations.PopCount(a[2] & b[2])
            + BitOperations.PopCount(a[3] & b[3]) + BitOperations.PopCount(a[4] & b[4]) + BitOperations.PopCount(a[5] & b[5]);
    }

    /// <summary>Clocks are compared around the day, so UTC+13 and UTC-11 are 0 hours apart, not 24.</summary>
    private static int Gap(int offsetA, int offsetB)
    {
        var d = Math.Abs(offsetA - offsetB) % 1440;
        return Math.Min(d, 1440 - d);
    }

    /// <summary>The parts of one pair's score, kept for explaining it.</summary>
    public PairParts Parts(int mentor, int mentee)
    {
        var common = _formats[mentor] & _formats[mentee] & _programFormats;
        var gap = Gap(_offset[mentor], _offset[mentee]);
        var skills = new List<(int SkillId, int Teach, int Want)>();
        var fit = 0;
        for (var m = _skillStart[mentor]; m < _skillStart[mentor + 1]; m++)
        {
            for (var e = _skillStart[mentee]; e < _skillStart[mentee + 1]; e++)
            {
                if (_skillCode[m] == _skillCode[e])
                {
                    skills.Add((_skillIds[_skillCode[m]], _skillLevel[m], _skillLevel[e]));
                    fit += _skillLevel[m] - _skillLevel[e] + 4;
                }
            }
        }

        var interests = new List<string>();
        for (var m = _interestStart[mentor]; m < _interestStart[mentor + 1]; m++)
        {
            for (var e = _interestStart[mentee]; e < _interestStart[mentee + 1]; e++)
            {
                if (_interestCode[m] == _interestCode[e])
                {
                    interests.Add(_interestWords[_interestCode[m]]);
                }
            }
        }

        var overlap = Overlap(mentor, mentee);
        var cross = _crossDepartmentWeight == 0 ? 0 : CrossDepartmentPart(mentor, mentee);
        var wanted = _skillStart[mentee + 1] - _skillStart[mentee];
        var points = (_skillWeight * SkillPart(fit, wanted))
            + (_availabilityWeight * AvailabilityPart(overlap))
            + (_timeZoneWeight * TimeZonePart(gap))
            + (_formatWeight * FormatPart(common))
            + (_interestWeight * InterestPart(interests.Count))
            + (_crossDepartmentWeight * cross);
        return new PairParts(points, skills, overlap, gap, (SessionFormats)common, interests, cross > 0);
    }

    private static int OffsetMinutes(string timeZoneId, DateTime atUtc, Dictionary<string, int> zones)
    {
        if (zones.TryGetValue(timeZoneId, out var known))
        {
            return known == int.MinValue ? 0 : known;
        }

        var offset = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? (int)zone.GetUtcOffset(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc)).TotalMinutes
            : int.MinValue;
        zones[timeZoneId] = offset;
        return offset == int.MinValue ? 0 : offset;
    }

    /// <summary>Marks every half hour of the UTC week that a local slot covers in full.</summary>
    private static void FillAvailability(IReadOnlyList<WeeklySlot> slots, int offsetMinutes, Span<ulong> bits)
    {
        foreach (var slot in slots)
        {
            var day = (int)slot.Day * 1440;
            var starts = (slot.Starts.Hour * 60) + slot.Starts.Minute;
            var ends = (slot.Ends.Hour * 60) + slot.Ends.Minute;
            if (ends <= starts)
            {
                ends += 1440;
            }

            var from = day + starts - offsetMinutes;
            var to = day + ends - offsetMinutes;
            var first = (int)Math.Ceiling(from / 30.0);
            var last = (int)Math.Floor(to / 30.0);
            for (var h = first; h < last; h++)
            {
                var half = ((h % HalfHoursPerWeek) + HalfHoursPerWeek) % HalfHoursPerWeek;
                bits[half >> 6] |= 1UL << (half & 63);
            }
        }
    }

    /// <summary>Skills per person, one entry per skill: a mentor's highest teaching level, a mentee's lowest wanted level.</summary>
    private static (int[] Start, int[] Code, int[] Level, int[] Ids) FlattenSkills(IReadOnlyList<PairingCandidate> people)
    {
        var codes = new Dictionary<int, int>();
        var ids = new List<int>();
        var start = new int[people.Count + 1];
        var code = new List<int>();
        var level = new List<int>();
        var seen = new Dictionary<int, int>();
        for (var c = 0; c < people.Count; c++)
        {
            start[c] = code.Count;
            seen.Clear();
            var teaches = people[c].Role == ParticipantRole.Mentor;
            foreach (var skill in people[c].Skills)
            {
                if (!codes.TryGetValue(skill.SkillId, out var k))
                {
                    k = ids.Count;
                    codes.Add(skill.SkillId, k);
                    ids.Add(skill.SkillId);
                }

                var l = Math.Clamp(skill.Level, EnrolmentSkill.MinLevel, EnrolmentSkill.MaxLevel);
                if (seen.TryGetValue(k, out var at))
                {
                    level[at] = teaches ? Math.Max(level[at], l) : Math.Min(level[at], l);
                    continue;
                }

                seen.Add(k, code.Count);
                code.Add(k);
                level.Add(l);
            }
        }

        start[people.Count] = code.Count;
        return (start, [.. code], [.. level], [.. ids]);
    }

    private static (int[] Start, int[] Code, string[] Words) FlattenInterests(IReadOnlyList<PairingCandidate> people)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<string>();
        var start = new int[people.Count + 1];
        var code = new List<int>();
        var seen = new HashSet<int>();
        for (var c = 0; c < people.Count; c++)
        {
            start[c] = code.Count;
            seen.Clear();
            foreach (var raw in people[c].Interests)
            {
                var word = Normal(raw);
                if (word.Length == 0)
                {
                    continue;
                }

                if (!codes.TryGetValue(word, out var k))
                {
                    k = words.Count;
                    codes.Add(word, k);
                    words.Add(raw.Trim());
                }

                if (seen.Add(k))
                {
                    code.Add(k);
                }
            }
        }

        start[people.Count] = code.Count;
        return (start, [.. code], [.. words]);
    }

    private static string Normal(string? text) => (text ?? "").Trim().ToLower(CultureInfo.InvariantCulture);

    private static int Code(Dictionary<string, int> codes, string key, int missing)
    {
        if (key.Length == 0)
        {
            return missing;
        }

        if (!codes.TryGetValue(key, out var k))
        {
            k = codes.Count;
            codes.Add(key, k);
        }

        return k;
    }

    /// <summary>Per-thread marks of what the current mentee wants and the row's tables, cleared after each row.</summary>
    private sealed class Scratch(int skillCodes, int interestCodes, int zones, int maxSkills, int mentors)
    {
        /// <summary>Mentor columns the current row may not pair with: those holding the row's <see cref="Stamp"/>.</summary>
        public int[] Blocked { get; } = new int[mentors];

        public int Stamp { get; set; }

        public byte[] Want { get; } = new byte[skillCodes];
        public bool[] Interest { get; } = new bool[interestCodes];
        public int[] ZonePoints { get; } = new int[zones];
        public int[] SkillPoints { get; } = new int[(8 * maxSkills) + 1];
    }

    /// <summary>Mentors' data in mentor order, so the scoring loop reads it front to back.</summary>
    private sealed class MentorColumns
    {
        public MentorColumns(Population people)
        {
            var mentors = people.Mentors;
            var m = mentors.Length;
            for (var k = 0; k < m; k++)
            {
                var c = mentors[k];
                if (people._email[c] >= 0)
                {
                    Add(WithEmail, people._email[c], k);
                }

                for (var t = people._ancestorStart[c]; t < people._ancestorStart[c + 1]; t++)
                {
                    Add(Below, people._ancestorCode[t], k);
                }
            }

            Formats = [.. mentors.Select(c => people._formats[c])];
            Zone = [.. mentors.Select(c => people._zone[c])];
            Department = [.. mentors.Select(c => people._department[c])];
            Availability = new ulong[m * Words];
            SkillStart = new int[m + 1];
            InterestStart = new int[m + 1];
            var skillCode = new List<int>();
            var skillLevel = new List<int>();
            var interestCode = new List<int>();
            for (var k = 0; k < m; k++)
            {
                var c = mentors[k];
                people._availability.AsSpan(c * Words, Words).CopyTo(Availability.AsSpan(k * Words, Words));
                SkillStart[k] = skillCode.Count;
                for (var t = people._skillStart[c]; t < people._skillStart[c + 1]; t++)
                {
                    skillCode.Add(people._skillCode[t]);
                    skillLevel.Add(people._skillLevel[t]);
                }

                InterestStart[k] = interestCode.Count;
                for (var t = people._interestStart[c]; t < people._interestStart[c + 1]; t++)
                {
                    interestCode.Add(people._interestCode[t]);
                }
            }

            SkillStart[m] = skillCode.Count;
            InterestStart[m] = interestCode.Count;
            SkillCode = [.. skillCode];
            SkillLevel = [.. skillLevel];
            InterestCode = [.. interestCode];
        }

        /// <summary>Mentor columns by e-mail code (the same e-mail may be enrolled twice).</summary>
        public Dictionary<int, List<int>> WithEmail { get; } = [];

        /// <summary>Mentor columns by the e-mail code of each manager above them within the depth.</summary>
        public Dictionary<int, List<int>> Below { get; } = [];
        public int[] Formats { get; }
        public int[] Zone { get; }
        public int[] Department { get; }
        public ulong[] Availability { get; }
        public int[] SkillStart { get; }
        public int[] SkillCode { get; }
        public int[] SkillLevel { get; }
        public int[] InterestStart { get; }
        public int[] InterestCode { get; }

        private static void Add(Dictionary<int, List<int>> index, int key, int column)
        {
            if (!index.TryGetValue(key, out var list))
            {
                list = [];
                index.Add(key, list);
            }

            list.Add(column);
        }
    }
}

/// <summary>The parts of one pair's score, for the reasons shown beside it.</summary>
internal sealed record PairParts(
    int Points,
    IReadOnlyList<(int SkillId, int Teach, int Want)> Skills,
    int OverlapHalfHours,
    int GapMinutes,
    SessionFormats CommonFormats,
    IReadOnlyList<string> Interests,
    bool CrossDepartment);
