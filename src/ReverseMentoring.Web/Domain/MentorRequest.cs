namespace ReverseMentoring.Web.Domain;

/// <summary>
/// Waiting: chosen, not sent yet (a later choice). Sent: with the mentor, who answers by the due time. Accepted: the
/// pair is made. Declined: the mentor said no (or could take nobody more). Expired: not answered in time. Withdrawn:
/// the mentee took it back, or another request of theirs was accepted.
/// </summary>
public enum MentorRequestState
{
    Waiting = 0,
    Sent = 1,
    Accepted = 2,
    Declined = 3,
    Expired = 4,
    Withdrawn = 5,
}

/// <summary>
/// A mentee's request to one mentor in a self-service program, one of their choices in order. One request of a mentee
/// is with a mentor at a time: the next choice is sent only once the one before is declined or expires. Its state
/// moves only through the guarded methods below.
/// </summary>
public sealed class MentorRequest : IAudited, IVersionedOnSave
{
    public const int ReasonMaxLength = 500;

    /// <summary>Why a request passed on without the mentor's own answer: they paused or had no place left.</summary>
    public const string MentorUnavailableReason = "The mentor is not taking requests at the moment.";

    private MentorRequestState _state;
    private DateTime? _sentAtUtc;
    private DateTime? _answerDueAtUtc;
    private DateTime? _answeredAtUtc;
    private string? _declineReason;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int MenteeEnrolmentId { get; set; }
    public Enrolment? MenteeEnrolment { get; set; }
    public int MentorEnrolmentId { get; set; }
    public Enrolment? MentorEnrolment { get; set; }

    /// <summary>1 for the mentee's first choice, 2 for the next, and so on.</summary>
    public int ChoiceOrder { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public MentorRequestState State { get => _state; init => _state = value; }
    public DateTime? SentAtUtc { get => _sentAtUtc; init => _sentAtUtc = value; }
    public DateTime? AnswerDueAtUtc { get => _answerDueAtUtc; init => _answerDueAtUtc = value; }
    public DateTime? AnsweredAtUtc { get => _answeredAtUtc; init => _answeredAtUtc = value; }
    public string? DeclineReason { get => _declineReason; init => _declineReason = value; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Still in play: waiting its turn or with the mentor.</summary>
    public static IReadOnlyList<MentorRequestState> OpenStates { get; } = [MentorRequestState.Waiting, MentorRequestState.Sent];

    public bool IsOpen => OpenStates.Contains(State);

    /// <summary>Sent to the mentor now, who has the program's answer days to answer.</summary>
    public void Send(DateTime now, int answerDays)
    {
        if (State != MentorRequestState.Waiting)
        {
            throw new DomainRuleException("Only a request waiting its turn can be sent.");
        }

        _state = MentorRequestState.Sent;
        _sentAtUtc = now;
        _answerDueAtUtc = now.AddDays(Math.Max(1, answerDays));
    }

    /// <summary>Why the mentor cannot answer it now, or null when they can.</summary>
    public string? AnswerRefusal(DateTime now) => State switch
    {
        MentorRequestState.Accepted or MentorRequestState.Declined => "You answered this request already.",
        MentorRequestState.Expired => "The time to answer this request has passed; it went to the mentee's next choice.",
        MentorRequestState.Withdrawn => "The mentee withdrew this request.",
        MentorRequestState.Waiting => "This request has not been sent to you.",
        _ when AnswerDueAtUtc <= now => "The time to answer this request has passed; it went to the mentee's next choice.",
        _ => null,
    };

    public void Accept(DateTime now)
    {
        Answer(now);
        _state = MentorRequestState.Accepted;
    }

    public void Decline(string? reason, DateTime now)
    {
        Answer(now);
        _state = MentorRequestState.Declined;
        _declineReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    /// <summary>The mentor paused or filled up: the request is declined for them, so that it passes on.</summary>
    public void PassOver(DateTime now)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException("Only an open request can be passed over.");
        }

        _state = MentorRequestState.Declined;
        _answeredAtUtc = now;
        _declineReason = MentorUnavailableReason;
    }

    /// <summary>Not answered by the due time.</summary>
    public void Expire(DateTime now)
    {
        if (State != MentorRequestState.Sent || AnswerDueAtUtc > now)
        {
            throw new DomainRuleException("Only a sent request past its due time can expire.");
        }

        _state = MentorRequestState.Expired;
        _answeredAtUtc = now;
    }

    /// <summary>The mentee takes it back, or another of their requests was accepted.</summary>
    public void Withdraw(DateTime now)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException("Only an open request can be withdrawn.");
        }

        _state = MentorRequestState.Withdrawn;
        _answeredAtUtc = now;
    }

    /// <summary>Erasure: the words of a mentor's decline go; that it was declined stays.</summary>
    public void EraseDeclineReason() => _declineReason = null;

    private void Answer(DateTime now)
    {
        if (AnswerRefusal(now) is { } refusal)
        {
            throw new DomainRuleException(refusal);
        }

        _answeredAtUtc = now;
    }
}
