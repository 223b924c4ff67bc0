namespace Verification.Numerics;

/// <summary>Thrown when a width is beyond what exact enumeration can visit; the message suggests Monte Carlo.</summary>
public sealed class EnumerationLimitException(string message) : LimitExceededException(message);
