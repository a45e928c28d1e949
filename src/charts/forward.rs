//! plotters' `DrawingBackend` methods written once, for the backends that wrap another (the
//! worker's estimated SVG, the page's canvas and its one backend type): each wrapper names the
//! methods it passes on unchanged and writes only those it changes.

/// What a backend's drawing methods return.
pub type Drawn<B, T = ()> = Result<
    T,
    plotters_backend::DrawingErrorKind<<B as plotters::prelude::DrawingBackend>::ErrorType>,
>;

/// Writes `DrawingBackend` methods inside an `impl DrawingBackend for ...` block:
///
/// - `to FIELD: method, ...;` passes each method on to the backend in `self.FIELD`;
/// - `via MACRO: method, ...;` passes each method through `MACRO!(self, b => b.method(..))`, for
///   a wrapper that first picks the backend inside (an enum of backends);
/// - `fn method(self, param, ...) { body }` is a method the wrapper changes, its parameters named
///   and their types the trait's. A method can also be written out as usual beside the macro.
///
/// The parameters are named as in plotters' trait; a method left out keeps the trait's default.
/// Its rules call it by name: bring it in with `use crate::charts::forward::forward_backend`.
macro_rules! forward_backend {
    () => {};
    (to $field:tt: $($method:ident),+; $($rest:tt)*) => {
        $(forward_backend!(@params [to $field] $method);)+
        forward_backend!($($rest)*);
    };
    (via $via:ident: $($method:ident),+; $($rest:tt)*) => {
        $(forward_backend!(@params [via $via] $method);)+
        forward_backend!($($rest)*);
    };
    (fn $method:ident($($param:ident),+) $body:block $($rest:tt)*) => {
        forward_backend!(@fn $method($($param),+) $body);
        forward_backend!($($rest)*);
    };

    // What each method passes on.
    (@params $how:tt get_size) => { forward_backend!(@pass $how get_size()); };
    (@params $how:tt ensure_prepared) => { forward_backend!(@pass $how ensure_prepared()); };
    (@params $how:tt present) => { forward_backend!(@pass $how present()); };
    (@params $how:tt draw_pixel) => { forward_backend!(@pass $how draw_pixel(point, color)); };
    (@params $how:tt draw_line) => { forward_backend!(@pass $how draw_line(from, to, style)); };
    (@params $how:tt draw_rect) => {
        forward_backend!(@pass $how draw_rect(upper_left, bottom_right, style, fill));
    };
    (@params $how:tt draw_path) => { forward_backend!(@pass $how draw_path(path, style)); };
    (@params $how:tt draw_circle) => {
        forward_backend!(@pass $how draw_circle(center, radius, style, fill));
    };
    (@params $how:tt fill_polygon) => { forward_backend!(@pass $how fill_polygon(vert, style)); };
    (@params $how:tt draw_text) => { forward_backend!(@pass $how draw_text(text, style, pos)); };
    (@params $how:tt estimate_text_size) => {
        forward_backend!(@pass $how estimate_text_size(text, style));
    };
    (@params $how:tt blit_bitmap) => { forward_backend!(@pass $how blit_bitmap(pos, size, src)); };

    (@pass $how:tt $method:ident($($param:ident),*)) => {
        forward_backend!(@fn $method(self $(, $param)*) {
            forward_backend!(@call $how self.$method($($param),*))
        });
    };
    (@call [to $field:tt] $s:ident.$method:ident($($param:ident),*)) => {
        $s.$field.$method($($param),*)
    };
    (@call [via $via:ident] $s:ident.$method:ident($($param:ident),*)) => {
        $via!($s, b => b.$method($($param),*))
    };

    // The trait's signatures.
    (@fn get_size($s:ident) $body:block) => {
        fn get_size(&$s) -> (u32, u32) $body
    };
    (@fn ensure_prepared($s:ident) $body:block) => {
        fn ensure_prepared(&mut $s) -> $crate::charts::forward::Drawn<Self> $body
    };
    (@fn present($s:ident) $body:block) => {
        fn present(&mut $s) -> $crate::charts::forward::Drawn<Self> $body
    };
    (@fn draw_pixel($s:ident, $point:ident, $color:ident) $body:block) => {
        fn draw_pixel(
            &mut $s,
            $point: ::plotters_backend::BackendCoord,
            $color: ::plotters_backend::BackendColor,
        ) -> $crate::charts::forward::Drawn<Self> $body
    };
    (@fn draw_line($s:ident, $from:ident, $to:ident, $style:ident) $body:block) => {
        fn draw_line<S: ::plotters_backend::BackendStyle>(
            &mut $s,
            $from: ::plotters_backend::BackendCoord,
            $to: ::plotters_backend::BackendCoord,
            $style: &S,
        ) -> $crate::charts::forward::Drawn<Self> $body
    };
    // A rectangle from its corners, a circle from its centre and radius.
    (@fn draw_rect $params:tt $body:block) => {
        forward_backend!(@shape draw_rect[::plotters_backend::BackendCoord] $params $body);
    };
    (@fn draw_circle $params:tt $body:block) => {
        forward_backend!(@shape draw_circle[u32] $params $body);
    };
    (@shape $method:ident[$size:ty]($s:ident, $at:ident, $extent:ident, $style:ident, $fill:ident)
        $body:block) => {
        fn $method<S: ::plotters_backend::BackendStyle>(
            &mut $s,
            $at: ::plotters_backend::BackendCoord,
            $extent: $size,
            $style: &S,
            $fill: bool,
        ) -> $crate::charts::forward::Drawn<Self> $body
    };
    // A path stroked, a polygon filled.
    (@fn draw_path $params:tt $body:block) => {
        forward_backend!(@points draw_path $params $body);
    };
    (@fn fill_polygon $params:tt $body:block) => {
        forward_backend!(@points fill_polygon $params $body);
    };
    (@points $method:ident($s:ident, $points:ident, $style:ident) $body:block) => {
        fn $method<
            S: ::plotters_backend::BackendStyle,
            I: IntoIterator<Item = ::plotters_backend::BackendCoord>,
        >(&mut $s, $points: I, $style: &S) -> $crate::charts::forward::Drawn<Self> $body
    };
    (@fn draw_text($s:ident, $text:ident, $style:ident, $pos:ident) $body:block) => {
        fn draw_text<S: ::plotters_backend::BackendTextStyle>(
            &mut $s,
            $text: &str,
            $style: &S,
            $pos: ::plotters_backend::BackendCoord,
        ) -> $crate::charts::forward::Drawn<Self> $body
    };
    (@fn estimate_text_size($s:ident, $text:ident, $style:ident) $body:block) => {
        fn estimate_text_size<S: ::plotters_backend::BackendTextStyle>(
            &$s,
            $text: &str,
            $style: &S,
        ) -> $crate::charts::forward::Drawn<Self, (u32, u32)> $body
    };
    (@fn blit_bitmap($s:ident, $pos:ident, $size:ident, $src:ident) $body:block) => {
        fn blit_bitmap(
            &mut $s,
            $pos: ::plotters_backend::BackendCoord,
            $size: (u32, u32),
            $src: &[u8],
        ) -> $crate::charts::forward::Drawn<Self> $body
    };
}

pub(crate) use forward_backend;
