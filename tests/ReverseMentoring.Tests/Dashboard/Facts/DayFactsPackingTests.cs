using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard.Facts;

public sealed class DayFactsPackingTests
{
    private static readonly DateOnly Day = new(2027, 3, 14);

    private static void RoundTrips(DayFacts facts)
    {
        var packed = DayFactsPacking.Pack(facts);
        var unpacked = DayFactsPacking.Unpack(facts.ProgramId, facts.Day, packed);
        Assert.Equal(facts.ProgramId, unpacked.ProgramId);
        Assert.Equal(facts.Day, unpacked.Day);
        Assert.Equal(facts.Pairs, unpacked.Pairs);
        Assert.Equal(facts.GroupSessions.Length, unpacked.GroupSessions.Length);
        foreach (var (expected, actual) in facts.GroupSessions.Zip(unpacked.GroupSessions))
        {
            Assert.Equal((expected.SessionId, expected.GroupId, expected.Status, expected.Minutes), (actual.SessionId, actual.GroupId, actual.Status, actual.Minutes));
            Assert.Equal(expected.MemberPairIds, actual.MemberPairIds);
            Assert.Equal(expected.AttendedPairIds, actual.AttendedPairIds);
        }
    }

    [Fact]
    public void An_empty_day_round_trips_in_a_few_bytes()
    {
        var empty = new DayFacts(7, Day, [], []);
        RoundTrips(empty);
        Assert.True(DayFactsPacking.Pack(empty).Length <= 3);
    }

    [Fact]
    public void Large_ids_and_numbers_round_trip()
    {
        RoundTrips(new DayFacts(int.MaxValue, Day,
            [new PairDay(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), new PairDay(int.MaxValue, int.MaxValue, int.MaxValue, 3, 4, 5, 6, int.MaxValue, 8, 9)],
            [new GroupSessionDay(int.MaxValue, int.MaxValue, SessionStatus.Missed, int.MaxValue, [1, int.MaxValue], [int.MaxValue])]));
    }

    [Fact]
    public void Ids_out_of_order_and_negative_numbers_still_round_trip()
    {
        RoundTrips(new DayFacts(3, Day,
            [new PairDay(900, -1, -60, 1, 0, 0, 0, 0, 0, 0), new PairDay(12, 1, 45, 0, 0, 0, 1, 5, 1, 4)],
            [new GroupSessionDay(50, 2, SessionStatus.Held, 60, [30, 10, 20], [20, 10]), new GroupSessionDay(7, 2, SessionStatus.Cancelled, 0, [], [])]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Many_pairs_and_group_sessions_round_trip_compactly(int seed)
    {
        var random = new Random(seed);
        var pairIds = Enumerable.Range(0, 2000).Select(_ => random.Next(1, 5_000_000)).Distinct().Order().ToList();
        var pairs = pairIds.Select(id => new PairDay(id, random.Next(3), random.Next(200), random.Next(3), random.Next(2), random.Next(2),
            random.Next(3), random.Next(16), random.Next(3), random.Next(16))).ToList();
        var groups = Enumerable.Range(0, 50).Select(i => new GroupSessionDay(100_000 + i * 17, random.Next(1, 1000), (SessionStatus)random.Next(4), random.Next(120),
            [.. pairIds.Skip(i * 5).Take(6)], [.. pairIds.Skip(i * 5).Take(3)])).ToList();
        var facts = new DayFacts(42, Day, [.. pairs], [.. groups]);
        RoundTrips(facts);

        // Ids as differences and small numbers as single bytes: well under the 40 bytes a pair takes as plain integers.
        Assert.True(DayFactsPacking.Pack(facts).Length < pairs.Count * 16);
    }

    [Fact]
    public void Damaged_or_unknown_facts_are_refused_not_misread()
    {
        var packed = DayFactsPacking.Pack(new DayFacts(1, Day, [new PairDay(5, 1, 60, 0, 0, 0, 0, 0, 0, 0)], []));
        Assert.Throws<InvalidDataException>(() => DayFactsPacking.Unpack(1, Day, packed[..^2]));
        Assert.Throws<InvalidDataException>(() => DayFactsPacking.Unpack(1, Day, [.. packed, 0]));
        packed[0] = 99;
        Assert.Throws<InvalidDataException>(() => DayFactsPacking.Unpack(1, Day, packed));
    }
}
