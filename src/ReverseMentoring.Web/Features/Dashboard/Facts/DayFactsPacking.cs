namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>
/// The stored form of one day's facts: a version byte, then every number as a varint (zigzag, so a negative number
/// costs no more than a small one), ids as differences from the one before. A busy program-day of a few hundred pairs
/// packs into a few kilobytes.
/// </summary>
public static class DayFactsPacking
{
    private const byte Version = 1;

    public static byte[] Pack(DayFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var writer = new Writer(16 + facts.Pairs.Length * 12 + facts.GroupSessions.Length * 24);
        writer.Byte(Version);
        writer.Number(facts.Pairs.Length);
        long previous = 0;
        foreach (var pair in facts.Pairs)
        {
            writer.Number(pair.PairId - previous);
            previous = pair.PairId;
            writer.Number(pair.Held);
            writer.Number(pair.HeldMinutes);
            writer.Number(pair.Scheduled);
            writer.Number(pair.Missed);
            writer.Number(pair.Cancelled);
            writer.Number(pair.MentorRatings);
            writer.Number(pair.MentorRatingSum);
            writer.Number(pair.MenteeRatings);
            writer.Number(pair.MenteeRatingSum);
        }

        writer.Number(facts.GroupSessions.Length);
        previous = 0;
        foreach (var group in facts.GroupSessions)
        {
            writer.Number(group.SessionId - previous);
            previous = group.SessionId;
            writer.Number(group.GroupId);
            writer.Number((int)group.Status);
            writer.Number(group.Minutes);
            writer.Ids(group.MemberPairIds);
            writer.Ids(group.AttendedPairIds);
        }

        return writer.ToArray();
    }

    public static DayFacts Unpack(int programId, DateOnly day, byte[] packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        var reader = new Reader(packed);
        var version = reader.Byte();
        if (version != Version)
        {
            throw new InvalidDataException($"Day facts of program {programId} on {day:yyyy-MM-dd} are in format {version}, not {Version}: rebuild the dashboard.");
        }

        var pairs = new PairDay[reader.Count()];
        long previous = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            previous += reader.Number();
            pairs[i] = new PairDay(
                checked((int)previous), reader.Int(), reader.Int(), reader.Int(), reader.Int(), reader.Int(),
                reader.Int(), reader.Int(), reader.Int(), reader.Int());
        }

        var groups = new GroupSessionDay[reader.Count()];
        previous = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            previous += reader.Number();
            groups[i] = new GroupSessionDay(checked((int)previous), reader.Int(), (SessionStatus)reader.Int(), reader.Int(), reader.Ids(), reader.Ids());
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException($"Day facts of program {programId} on {day:yyyy-MM-dd} have bytes left over.");
        }

        return new DayFacts(programId, day, pairs, groups);
    }

    private sealed class Writer(int capacity)
    {
        private byte[] _bytes = new byte[Math.Max(16, capacity)];
        private int _length;

        public void Byte(byte value)
        {
            if (_length == _bytes.Length)
            {
                Array.Resize(ref _bytes, _bytes.Length * 2);
            }

            _bytes[_length++] = value;
        }

        public void Number(long value)
        {
            var zigzag = (ulong)((value << 1) ^ (value >> 63));
            while (zigzag >= 0x80)
            {
                Byte((byte)(zigzag | 0x80));
                zigzag >>= 7;
            }

            Byte((byte)zigzag);
        }

        public void Ids(IReadOnlyList<int> ids)
        {
            Number(ids.Count);
            long previous = 0;
            foreach (var id in ids)
            {
                Number(id - previous);
                previous = id;
            }
        }

        public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();
    }

    private sealed class Reader(byte[] bytes)
    {
        private int _position;

        public bool AtEnd => _position == bytes.Length;

        public byte Byte() =>
            _position < bytes.Length ? bytes[_position++] : throw new InvalidDataException("Day facts end too early.");

        public long Number()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 63)
                {
                    throw new InvalidDataException("Day facts hold a number too long.");
                }

                var next = Byte();
                value |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    break;
                }
            }

            return (long)(value >> 1) ^ -(long)(value & 1);
        }

        public int Int() => checked((int)Number());

        public int Count()
        {
            var count = Int();
            // Every entry takes at least one byte: a larger count is damage, not a reason to allocate.
            return count >= 0 && count <= bytes.Length - _position ? count : throw new InvalidDataException("Day facts hold an impossible count.");
        }

        public int[] Ids()
        {
            var ids = new int[Count()];
            long previous = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                previous += Number();
                ids[i] = checked((int)previous);
            }

            return ids;
        }
    }
}
