namespace ReverseMentoring.Web.Domain;

/// <summary>
/// Proposed: published, waiting for both sides. Accepted: both said yes (an active pair once the program runs).
/// Declined: one side said no; both are free for the next round and this pair is never proposed again.
/// Ended: finished, completed or early, with a reason; its history stays.
/// </summary>
public enum PairStatus
{
    Proposed = 0,
    Accepted = 1,
    Declined = 2,
    Ended = 3,
}

public enum PairResponse
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
}

public enum PairingRuleKind
{
    /// <summary>HR wants this pair: it is in every run's result.</summary>
    Pin = 0,

    /// <summary>HR forbids this pair: it is never proposed.</summary>
    Ban = 1,
}

/// <summary>One run of the pairing engine for a program: a preview HR can inspect, adjust and publish.</summary>
public sealed class PairingRun
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedByUserId { get; set; }
    public MatchingObjective Objective { get; set; }
    public int PairCount { get; set; }
    public long TotalScore { get; set; }

    /// <summary>The engine's result as JSON: pairs with scores and reasons, the unmatched with reasons, warnings.</summary>
    public string Result { get; set; } = "";

    public DateTime? PublishedAtUtc { get; set; }
    public string? PublishedByUserId { get; set; }
}

/// <summary>
/// A mentor and a mentee put together by a published run; in group mentoring a mentor has several. Its state moves only
/// through <see cref="Accept"/>, <see cref="Decline"/>, <see cref="FlagNoResponse"/> and <see cref="End"/>, which refuse an
/// illegal move; a new pair may be created in any state (published, imported or demo data).
/// </summary>
public sealed class Pair : IAudited, IVersionedOnSave
{
    public const int ReasonsMaxLength = 1000;
    public const int ReasonMaxLength = 500;

    private PairStatus _status;
    private PairResponse _mentorResponse;
    private PairResponse _menteeResponse;
    private DateTime? _mentorRespondedAtUtc;
    private DateTime? _menteeRespondedAtUtc;
    private string? _declineReason;
    private DateTime? _noResponseFlaggedAtUtc;
    private DateTime? _acceptedAtUtc;
    private DateTime? _endedAtUtc;
    private PairEnding? _ending;
    private string? _endedByUserId;
    private string? _endReason;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int? RunId { get; set; }
    public int MentorEnrolmentId { get; set; }
    public Enrolment? MentorEnrolment { get; set; }
    public int MenteeEnrolmentId { get; set; }
    public Enrolment? MenteeEnrolment { get; set; }
    public int Score { get; set; }
    public int ScorePercent { get; set; }

    /// <summary>Why the engine proposed it, as people read it: "teaches AI tools 4/5, wanted at 1/5; 3 h/week overlap".</summary>
    public string Reasons { get; set; } = "";

    public bool Pinned { get; set; }
    public PairStatus Status { get => _status; init => _status = value; }
    public PairResponse MentorResponse { get => _mentorResponse; init => _mentorResponse = value; }
    public PairResponse MenteeResponse { get => _menteeResponse; init => _menteeResponse = value; }
    public DateTime? MentorRespondedAtUtc { get => _mentorRespondedAtUtc; init => _mentorRespondedAtUtc = value; }
    public DateTime? MenteeRespondedAtUtc { get => _menteeRespondedAtUtc; init => _menteeRespondedAtUtc = value; }
    public string? DeclineReason { get => _declineReason; init => _declineReason = value; }
    public DateTime ProposedAtUtc { get; set; }

    /// <summary>Set when a side has not answered within the program's response time, so HR can follow up.</summary>
    public DateTime? NoResponseFlaggedAtUtc { get => _noResponseFlaggedAtUtc; init => _noResponseFlaggedAtUtc = value; }

    /// <summary>When the second side accepted: the pair's start, from which cadence and check-ins count.</summary>
    public DateTime? AcceptedAtUtc { get => _acceptedAtUtc; init => _acceptedAtUtc = value; }

    public DateTime? EndedAtUtc { get => _endedAtUtc; init => _endedAtUtc = value; }
    public PairEnding? Ending { get => _ending; init => _ending = value; }
    public string? EndedByUserId { get => _endedByUserId; init => _endedByUserId = value; }
    public string? EndReason { get => _endReason; init => _endReason = value; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>A live pair holds both people: they are not paired again, and the mentor's slot is taken.</summary>
    public static IReadOnlyList<PairStatus> LiveStatuses { get; } = [PairStatus.Proposed, PairStatus.Accepted];

    /// <summary>
    /// An active pair: accepted by both sides and not ended. It plans sessions, is reminded, checked in on and counted as
    /// active; this is the one definition (queries use <see cref="PairQueries.Active"/>).
    /// </summary>
    public static IReadOnlyList<PairStatus> ActiveStatuses { get; } = [PairStatus.Accepted];

    /// <summary>A pair that got under way: accepted by both sides, and perhaps ended since.</summary>
    public static IReadOnlyList<PairStatus> StartedStatuses { get; } = [PairStatus.Accepted, PairStatus.Ended];

    public bool IsActive => ActiveStatuses.Contains(Status);

    /// <summary>Proposed, and at least one side has not answered yet (<see cref="PairQueries.AwaitingAnswer"/> as a query).</summary>
    public bool IsAwaitingAnswer => Status == PairStatus.Proposed && (MentorResponse == PairResponse.Pending || MenteeResponse == PairResponse.Pending);

    /// <summary>When the answers to the proposal are due: the program's response time after it was proposed.</summary>
    public DateTime ResponseDueUtc(int responseDays) => ProposedAtUtc.AddDays(responseDays);

    /// <summary>Still waiting for an answer at or after its due time: HR follows it up and the silent side is reminded.</summary>
    public bool IsResponseOverdue(int responseDays, DateTime now) => IsAwaitingAnswer && ResponseDueUtc(responseDays) <= now;

    public PairResponse ResponseOf(ParticipantRole side) => side == ParticipantRole.Mentor ? MentorResponse : MenteeResponse;

    /// <summary>
    /// The side the person is on. Only for a pair already found through <see cref="PairQueries.OfParticipant(IQueryable{Pair}, string)"/>
    /// with both enrolments loaded; it is not the access rule.
    /// </summary>
    public ParticipantRole SideOf(string userId) =>
        (MentorEnrolment ?? throw new InvalidOperationException("Load the pair's enrolments first.")).UserId == userId ? ParticipantRole.Mentor
        : (MenteeEnrolment ?? throw new InvalidOperationException("Load the pair's enrolments first.")).UserId == userId ? ParticipantRole.Mentee
        : throw new InvalidOperationException("The person is on neither side of this pair.");

    /// <summary>Why this side cannot answer the proposal now, or null when it can. The side's enrolment must be loaded.</summary>
    public string? AnswerRefusal(ParticipantRole side) => Status switch
    {
        PairStatus.Declined when ResponseOf(side) == PairResponse.Declined => "You declined this pair already.",
        PairStatus.Declined => "This pair was declined by the other side. HR will propose someone else.",
        PairStatus.Ended => "This pair has ended.",
        _ when ResponseOf(side) != PairResponse.Pending => "You answered already.",
        _ when EnrolmentOf(side).Status == EnrolmentStatus.Withdrawn => "You withdrew from this program, so you cannot answer for this pair.",
        _ => null,
    };

    /// <summary>
    /// A self-service pair: the mentor accepted the mentee's request, so both have said yes and it starts now. Refused when
    /// the mentor has no place left, either of them is paired already in a way that forbids it, or a hard rule of the
    /// program forbids the pair at this moment (<paramref name="hardRule"/>, from the pairing engine).
    /// </summary>
    public static Pair FromRequest(
        MentorRequest request, int mentorCapacity, int mentorLivePairs, bool menteePaired, string? hardRule, int score, int percent, string reasons,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (mentorLivePairs >= mentorCapacity)
        {
            throw new DomainRuleException("You have no place left for another mentee, so this request cannot be accepted; it goes to the mentee's next choice.");
        }

        if (menteePaired)
        {
            throw new DomainRuleException("This mentee is paired already.");
        }

        if (hardRule is not null)
        {
            throw new DomainRuleException($"The program's rules no longer allow this pair: {hardRule}.");
        }

        request.Accept(now);
        return new Pair
        {
            ProgramId = request.ProgramId,
            MentorEnrolmentId = request.MentorEnrolmentId,
            MenteeEnrolmentId = request.MenteeEnrolmentId,
            Score = score,
            ScorePercent = percent,
            Reasons = reasons.Length > ReasonsMaxLength ? reasons[..ReasonsMaxLength] : reasons,
            ProposedAtUtc = now,
            Status = PairStatus.Accepted,
            MentorResponse = PairResponse.Accepted,
            MenteeResponse = PairResponse.Accepted,
            MentorRespondedAtUtc = now,
            MenteeRespondedAtUtc = now,
            AcceptedAtUtc = now,
        };
    }

    /// <summary>One side says yes; when the other side has too, the pair is confirmed and starts now.</summary>
    public void Accept(ParticipantRole side, DateTime now)
    {
        Answer(side, PairResponse.Accepted, now);
        if (_mentorResponse == PairResponse.Accepted && _menteeResponse == PairResponse.Accepted)
        {
            _status = PairStatus.Accepted;
            _acceptedAtUtc = now;
        }
    }

    /// <summary>One side says no: the pair is declined for both, who are free for the next proposal.</summary>
    public void Decline(ParticipantRole side, string? reason, DateTime now)
    {
        Answer(side, PairResponse.Declined, now);
        _status = PairStatus.Declined;
        _declineReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    /// <summary>Marks a proposal a side has not answered in time, once, so HR can follow it up.</summary>
    public void FlagNoResponse(DateTime now)
    {
        if (Status != PairStatus.Proposed || (MentorResponse != PairResponse.Pending && MenteeResponse != PairResponse.Pending))
        {
            throw new DomainRuleException("Only a proposed pair still waiting for an answer can be flagged as unanswered.");
        }

        _noResponseFlaggedAtUtc ??= now;
    }

    /// <summary>Ends an active pair, completed or early (early needs a reason); what happened in it stays.</summary>
    public void End(string byUserId, PairEnding ending, string? reason, DateTime now)
    {
        if (!IsActive)
        {
            throw new DomainRuleException(Status == PairStatus.Ended
                ? "This pair has ended already."
                : "Only a confirmed pair can be ended; this one was never confirmed by both sides.");
        }

        if (ending == PairEnding.EndedEarly && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Say why the pair is ending early; HR uses this to improve the program.");
        }

        _status = PairStatus.Ended;
        _ending = ending;
        _endedAtUtc = now;
        _endedByUserId = byUserId;
        _endReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    /// <summary>Erasure: the words of a person's decline go; that the pair was declined stays.</summary>
    public void EraseDeclineReason() => _declineReason = null;

    /// <summary>Erasure: the words of a person's ending go; that and when the pair ended stay.</summary>
    public void EraseEndReason() => _endReason = null;

    private Enrolment EnrolmentOf(ParticipantRole side) =>
        (side == ParticipantRole.Mentor ? MentorEnrolment : MenteeEnrolment) ?? throw new InvalidOperationException("Load the pair's enrolments first.");

    private void Answer(ParticipantRole side, PairResponse response, DateTime now)
    {
        if (AnswerRefusal(side) is { } refusal)
        {
            throw new DomainRuleException(refusal);
        }

        if (side == ParticipantRole.Mentor)
        {
            _mentorResponse = response;
            _mentorRespondedAtUtc = now;
        }
        else
        {
            _menteeResponse = response;
            _menteeRespondedAtUtc = now;
        }
    }
}

/// <summary>HR's pin or ban of one mentor-mentee pair in a program; every later run honours it.</summary>
public sealed class PairingRule : IAudited
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int MentorEnrolmentId { get; set; }
    public int MenteeEnrolmentId { get; set; }
    public PairingRuleKind Kind { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedByUserId { get; set; }
}

/// <summary>How a pair ended.</summary>
public enum PairEnding
{
    Completed = 0,
    EndedEarly = 1,
}
