namespace OneStop.Jobs; public static class Marker {}
