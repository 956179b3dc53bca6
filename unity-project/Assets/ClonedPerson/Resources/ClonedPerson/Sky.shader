// The procedural sky as a skybox: the embedded renderer's vertical gradient from the horizon to the
// zenith (k = sqrt(min(1, elevation / 1.1 rad))), slightly darker below the horizon, and the
// optional cylindrical panorama covering elevations 40 to -5 degrees all around (u = 0.5 looks
// along glTF +z), blended by its alpha.
Shader "ClonedPerson/Sky"
{
    Properties
    {
        _ZenithColor ("Zenith", Color) = (0.35, 0.55, 0.85, 1)
        _HorizonColor ("Horizon", Color) = (0.8, 0.85, 0.9, 1)
        _Panorama ("Panorama", 2D) = "black" {}
        _UsePanorama ("Use the panorama", Float) = 0
    }
    SubShader
    {
        Tags { "Queue" = "Background" "RenderType" = "Background" "PreviewType" = "Skybox" }
        Cull Off
        ZWrite Off
        Pass
        {
            CGPROGRAM
            #pragma vertex vert
            #pragma fragment frag
            #include "UnityCG.cginc"
            fixed4 _ZenithColor;
            fixed4 _HorizonColor;
            sampler2D _Panorama;
            float _UsePanorama;
            struct v2f
            {
                float4 pos : SV_POSITION;
                float3 dir : TEXCOORD0;
            };
            v2f vert(appdata_base v)
            {
                v2f o;
                o.pos = UnityObjectToClipPos(v.vertex);
                o.dir = v.vertex.xyz;
                return o;
            }
            fixed4 frag(v2f i) : SV_Target
            {
                float3 d = normalize(i.dir);
                float elevation = asin(clamp(d.y, -1, 1));
                float k = elevation <= 0 ? 0 : sqrt(min(1, elevation / 1.1));
                float3 c = lerp(_HorizonColor.rgb, _ZenithColor.rgb, k);
                if (elevation < 0) c *= 0.92;
                float top = radians(40), bottom = radians(-5);
                if (_UsePanorama > 0.5 && elevation <= top && elevation >= bottom)
                {
                    float u = atan2(-d.x, d.z) / (2 * UNITY_PI) + 0.5;
                    float v = 1 - (top - elevation) / (top - bottom);
                    fixed4 p = tex2D(_Panorama, float2(u, v));
                    c = lerp(c, p.rgb, p.a);
                }
                return fixed4(c, 1);
            }
            ENDCG
        }
    }
}
