namespace Verification; internal static class Placeholder {}
