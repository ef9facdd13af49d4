namespace ReverseMentoring.Web.Domain;

/// <summary>Open: people sign up. Cancelled: called off by its host. Held: its host recorded who came.</summary>
public enum KnowledgeSessionStatus
{
    Open = 0,
    Cancelled = 1,
    Held = 2,
}

/// <summary>Booked: a place is theirs. WaitListed: in line for one. Cancelled: they gave it up.</summary>
public enum KnowledgeSeatState
{
    Booked = 0,
    WaitListed = 1,
    Cancelled = 2,
}

/// <summary>What a sign-up gave the person: a seat, or a place on the wait list (and which).</summary>
public sealed record SignUpOutcome(KnowledgeSessionSeat Seat, bool WaitListed, int? Position);

/// <summary>
/// A knowledge-sharing session: one junior (or HR) teaches a topic to any number of seniors of the program's cohort at
/// once. Seats are booked until it is full, then people join a wait list in order; a seat given up goes to the first in
/// line. Every change goes through a method here that refuses an illegal move, and renews <see cref="Version"/>, so two
/// people taking the last seat at once cannot both get it.
/// </summary>
public sealed class KnowledgeSession : IAudited
{
    public const int TitleMaxLength = 150;
    public const int DescriptionMaxLength = 4000;
    public const int LocationMaxLength = 300;
    public const int ReasonMaxLength = 500;
    public const int MinCapacity = 1;
    public const int MaxCapacity = 500;
    public const int MinMinutes = 15;
    public const int MaxMinutes = 240;

    public const string CapacityMessage = "A session has room for 1 to 500 people.";
    public const string NotOpenMessage = "This session is no longer open for sign-up: it was cancelled or has been held.";
    public const string StartedMessage = "This session has started, so its seats can no longer change.";
    public const string TwiceMessage = "You have already signed up for this session.";

    private KnowledgeSessionStatus _status;
    private int _capacity;
    private string? _cancelReason;
    private DateTime? _cancelledAtUtc;
    private DateTime? _attendanceRecordedAtUtc;
    private int _calendarSequence;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public MentoringProgram? Program { get; set; }

    /// <summary>Who offers and teaches it: an approved mentor of the program, or HR.</summary>
    public string HostUserId { get; set; } = "";
    public AppUser? Host { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime StartsAtUtc { get; set; }
    public int DurationMinutes { get; set; }

    /// <summary>Stored so upcoming and past are simple range queries.</summary>
    public DateTime EndsAtUtc { get; set; }

    /// <summary>One of the program's formats.</summary>
    public SessionFormats Format { get; set; }

    /// <summary>A room or address in person, a meeting link when virtual.</summary>
    public string Location { get; set; } = "";
    public int Capacity { get => _capacity; init => _capacity = value; }
    public KnowledgeSessionStatus Status { get => _status; init => _status = value; }
    public string? CancelReason { get => _cancelReason; init => _cancelReason = value; }
    public DateTime? CancelledAtUtc { get => _cancelledAtUtc; init => _cancelledAtUtc = value; }
    public DateTime? AttendanceRecordedAtUtc { get => _attendanceRecordedAtUtc; init => _attendanceRecordedAtUtc = value; }

    /// <summary>Calendar SEQUENCE: raised when the session is cancelled, so calendars remove the invitation.</summary>
    public int CalendarSequence { get => _calendarSequence; init => _calendarSequence = value; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? UpdatedAtUtc { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<KnowledgeSessionSeat> Seats { get; set; } = [];

    public int BookedCount => Seats.Count(s => s.State == KnowledgeSeatState.Booked);

    public int SeatsLeft => Math.Max(0, Capacity - BookedCount);

    public static string? CapacityProblem(int capacity) =>
        capacity is < MinCapacity or > MaxCapacity ? CapacityMessage : null;

    /// <summary>A new open session; the caller has checked the format and place against the program.</summary>
    public static KnowledgeSession Offer(
        int programId, string hostUserId, string title, string description, DateTime startsAtUtc, int durationMinutes,
        SessionFormats format, string location, int capacity, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(location);
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > TitleMaxLength)
        {
            throw new DomainRuleException($"A session's title has 1 to {TitleMaxLength} characters.");
        }

        if ((description ?? "").Trim().Length > DescriptionMaxLength)
        {
            throw new DomainRuleException($"A description has at most {DescriptionMaxLength} characters.");
        }

        if (CapacityProblem(capacity) is { } problem)
        {
            throw new DomainRuleException(problem);
        }

        if (durationMinutes is < MinMinutes or > MaxMinutes)
        {
            throw new DomainRuleException($"A session lasts {MinMinutes} to {MaxMinutes} minutes.");
        }

        if (startsAtUtc <= now)
        {
            throw new DomainRuleException("A session can only be offered for a time in the future.");
        }

        return new KnowledgeSession
        {
            ProgramId = programId,
            HostUserId = hostUserId,
            Title = title.Trim(),
            Description = (description ?? "").Trim(),
            StartsAtUtc = startsAtUtc,
            DurationMinutes = durationMinutes,
            EndsAtUtc = startsAtUtc.AddMinutes(durationMinutes),
            Format = format,
            Location = location.Trim(),
            Capacity = capacity,
            Status = KnowledgeSessionStatus.Open,
            CreatedAtUtc = now,
        };
    }

    /// <summary>The person's seat that still counts (booked or waiting), if any.</summary>
    public KnowledgeSessionSeat? ActiveSeatOf(string userId) =>
        Seats.FirstOrDefault(s => s.UserId == userId && s.State != KnowledgeSeatState.Cancelled);

    /// <summary>Their place in line (1 = next to get a seat), or null when they are not waiting.</summary>
    public int? WaitListPlace(string userId)
    {
        var seat = ActiveSeatOf(userId);
        return seat is { State: KnowledgeSeatState.WaitListed }
            ? Seats.Count(s => s.State == KnowledgeSeatState.WaitListed && s.Position <= seat.Position)
            : null;
    }

    /// <summary>A seat while there is one, otherwise the end of the wait list. Once per person, before the start.</summary>
    public SignUpOutcome SignUp(string userId, DateTime now)
    {
        EnsureSeatsCanChange(now);
        if (ActiveSeatOf(userId) is not null)
        {
            throw new DomainRuleException(TwiceMessage);
        }

        var full = BookedCount >= Capacity;
        var position = full ? Seats.Where(s => s.Position is not null).Select(s => s.Position!.Value).DefaultIfEmpty(0).Max() + 1 : (int?)null;

        // Someone who gave up their seat and signs up again takes up the same row: one row per person and session.
        var seat = Seats.FirstOrDefault(s => s.UserId == userId);
        if (seat is null)
        {
            seat = new KnowledgeSessionSeat { UserId = userId };
            Seats.Add(seat);
        }

        seat.Take(full ? KnowledgeSeatState.WaitListed : KnowledgeSeatState.Booked, position, now);
        Touch(now);
        return new SignUpOutcome(seat, full, full ? WaitListPlace(userId) : null);
    }

    /// <summary>Gives up the person's seat or place in line; a freed seat goes to the first in line, returned to be told.</summary>
    public KnowledgeSessionSeat? CancelSeat(string userId, DateTime now)
    {
        EnsureSeatsCanChange(now);
        var seat = ActiveSeatOf(userId) ?? throw new DomainRuleException("You have no seat on this session to give up.");
        var wasBooked = seat.State == KnowledgeSeatState.Booked;
        seat.GiveUp(now);
        Touch(now);
        return wasBooked ? PromoteNext(now) : null;
    }

    /// <summary>The host changes the room: never below the seats already booked; more room lets the first in line in.</summary>
    public IReadOnlyList<KnowledgeSessionSeat> ChangeCapacity(int capacity, DateTime now)
    {
        EnsureSeatsCanChange(now);
        if (CapacityProblem(capacity) is { } problem)
        {
            throw new DomainRuleException(problem);
        }

        if (capacity < BookedCount)
        {
            throw new DomainRuleException($"{BookedCount} seats are booked already: the room cannot be smaller than that.");
        }

        _capacity = capacity;
        Touch(now);
        var promoted = new List<KnowledgeSessionSeat>();
        while (BookedCount < Capacity && PromoteNext(now) is { } seat)
        {
            promoted.Add(seat);
        }

        return promoted;
    }

    /// <summary>The host calls it off before it starts; everyone booked is told (by the caller).</summary>
    public void Cancel(string reason, DateTime now)
    {
        EnsureSeatsCanChange(now);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ReasonMaxLength)
        {
            throw new DomainRuleException($"Say why you cancel, in at most {ReasonMaxLength} characters; everyone booked reads it.");
        }

        _status = KnowledgeSessionStatus.Cancelled;
        _cancelReason = reason.Trim();
        _cancelledAtUtc = now;
        _calendarSequence++;
        Touch(now);
    }

    /// <summary>Once it has started, the host marks who of those booked came (and may correct it); it is then held.</summary>
    public void RecordAttendance(IReadOnlyCollection<string> attendedUserIds, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(attendedUserIds);
        if (Status == KnowledgeSessionStatus.Cancelled)
        {
            throw new DomainRuleException("This session was cancelled, so nobody attended it.");
        }

        if (StartsAtUtc > now)
        {
            throw new DomainRuleException("This session has not started yet. Record who came once it has taken place.");
        }

        var booked = Seats.Where(s => s.State == KnowledgeSeatState.Booked).ToList();
        if (attendedUserIds.Any(id => booked.All(s => s.UserId != id)))
        {
            throw new DomainRuleException("Only people with a booked seat can be marked as having come.");
        }

        foreach (var seat in booked)
        {
            seat.MarkAttended(attendedUserIds.Contains(seat.UserId));
        }

        _status = KnowledgeSessionStatus.Held;
        _attendanceRecordedAtUtc ??= now;
        Touch(now);
    }

    /// <summary>Each person who came rates the session once.</summary>
    public void GiveFeedback(string userId, int rating, string? comment, DateTime now)
    {
        var seat = ActiveSeatOf(userId);
        if (Status != KnowledgeSessionStatus.Held || seat is not { State: KnowledgeSeatState.Booked, Attended: true })
        {
            throw new DomainRuleException("Only people the host marked as having come can give feedback on this session.");
        }

        seat.Rate(rating, comment, now);
        Touch(now);
    }

    private KnowledgeSessionSeat? PromoteNext(DateTime now)
    {
        var next = Seats.Where(s => s.State == KnowledgeSeatState.WaitListed).OrderBy(s => s.Position).FirstOrDefault();
        next?.Take(KnowledgeSeatState.Booked, null, now);
        return next;
    }

    private void EnsureSeatsCanChange(DateTime now)
    {
        if (Status != KnowledgeSessionStatus.Open)
        {
            throw new DomainRuleException(NotOpenMessage);
        }

        if (StartsAtUtc <= now)
        {
            throw new DomainRuleException(StartedMessage);
        }
    }

    private void Touch(DateTime now)
    {
        UpdatedAtUtc = now;
        Version = Guid.NewGuid();
    }
}

/// <summary>One person's place on a knowledge session: booked or waiting (in order), then whether they came and their rating.</summary>
public sealed class KnowledgeSessionSeat : IAudited
{
    public const int CommentMaxLength = 2000;
    public const int MinRating = 1;
    public const int MaxRating = 5;

    private KnowledgeSeatState _state;
    private int? _position;
    private DateTime _signedUpAtUtc;
    private DateTime? _bookedAtUtc;
    private DateTime? _cancelledAtUtc;
    private bool _attended;
    private int? _rating;
    private string? _comment;
    private DateTime? _ratedAtUtc;

    public int Id { get; set; }
    public int KnowledgeSessionId { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public KnowledgeSeatState State { get => _state; init => _state = value; }

    /// <summary>Order on the wait list (lower goes first); null once booked or cancelled.</summary>
    public int? Position { get => _position; init => _position = value; }
    public DateTime SignedUpAtUtc { get => _signedUpAtUtc; init => _signedUpAtUtc = value; }
    public DateTime? BookedAtUtc { get => _bookedAtUtc; init => _bookedAtUtc = value; }
    public DateTime? CancelledAtUtc { get => _cancelledAtUtc; init => _cancelledAtUtc = value; }
    public bool Attended { get => _attended; init => _attended = value; }
    public int? Rating { get => _rating; init => _rating = value; }

    /// <summary>Read by the host and HR with the person's name; leadership never sees it.</summary>
    public string? Comment { get => _comment; init => _comment = value; }
    public DateTime? RatedAtUtc { get => _ratedAtUtc; init => _ratedAtUtc = value; }

    internal void Take(KnowledgeSeatState state, int? position, DateTime now)
    {
        // A promotion keeps the time they signed up; a new sign-up (or one after giving up) starts it again.
        if (_signedUpAtUtc == default || _state == KnowledgeSeatState.Cancelled)
        {
            _signedUpAtUtc = now;
        }

        _state = state;
        _position = state == KnowledgeSeatState.WaitListed ? position : null;
        _bookedAtUtc = state == KnowledgeSeatState.Booked ? now : null;
        _cancelledAtUtc = null;
    }

    internal void GiveUp(DateTime now)
    {
        _state = KnowledgeSeatState.Cancelled;
        _position = null;
        _cancelledAtUtc = now;
    }

    internal void MarkAttended(bool attended) => _attended = attended;

    internal void Rate(int rating, string? comment, DateTime now)
    {
        if (_rating is not null)
        {
            throw new DomainRuleException("You have already given feedback on this session.");
        }

        if (rating is < MinRating or > MaxRating)
        {
            throw new DomainRuleException($"Rate the session from {MinRating} to {MaxRating}.");
        }

        if ((comment ?? "").Trim().Length > CommentMaxLength)
        {
            throw new DomainRuleException($"A comment has at most {CommentMaxLength} characters.");
        }

        _rating = rating;
        _comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        _ratedAtUtc = now;
    }
}
